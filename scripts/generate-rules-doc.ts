// Regenerates docs/rules.md from the rule registry, so the docs cannot drift from
// what SARIF and `jig rules` show. A test compares the committed file with this output.
import { writeFileSync } from "node:fs";
import { RULES } from "../src/contract/rule-registry.js";
import { renderRulesMarkdown } from "../src/report/render-rules.js";

writeFileSync(new URL("../docs/rules.md", import.meta.url), renderRulesMarkdown(RULES));
console.log("wrote docs/rules.md");
