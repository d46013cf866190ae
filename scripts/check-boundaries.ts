// `npm run deps`: the import rules of src/ (.dependency-cruiser.cjs), plus the one
// rule dependency-cruiser cannot express on the module graph: no cycles between
// folders. One cruise serves both. Exit 1 on any violation.
import { fileURLToPath } from "node:url";
import { cruise, format, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { findFolderCycles } from "./find-folder-cycles.js";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const options = await extractDepcruiseOptions("./.dependency-cruiser.cjs");
const { output } = await cruise(
  ["src", "test"],
  options,
  {},
  { tsConfig: extractTSConfig("tsconfig.json") },
);
const result = output as ICruiseResult;

const rules = await format(result, { outputType: "err-long" });
process.stdout.write(String(rules.output));

// Test support is whatever the rule keeping it out of the runtime names, so the
// two checks cannot disagree about what a test is.
const testSupportRule = options.ruleSet?.forbidden?.find(
  (rule) => rule.name === "runtime-never-imports-test-support",
);
const testSupport =
  testSupportRule && "to" in testSupportRule ? testSupportRule.to.path : undefined;
if (testSupport === undefined) throw new Error("rule runtime-never-imports-test-support is gone");
const patterns = [testSupport].flat().map((pattern) => new RegExp(pattern));
const cycles = findFolderCycles(result.modules, (path) =>
  patterns.some((pattern) => pattern.test(path)),
);
for (const cycle of cycles) {
  console.log(`\n  error no-folder-cycles: ${cycle.folders.join(" ⇄ ")}`);
  for (const line of cycle.imports) console.log(`    ${line}`);
}
if (cycles.length === 0) console.log("✔ no cycles between folders of src/");
process.exitCode = rules.exitCode !== 0 || cycles.length > 0 ? 1 : 0;
