import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES } from "../contract/rule-registry.js";
import { renderRuleHelp, renderRuleList, renderRulesMarkdown } from "./render-rules.js";

const g001 = RULES.find((rule) => rule.id === "JIG-G001")!;

describe("rule rendering", () => {
  it("lists one rule per line with aligned titles", () => {
    const lines = renderRuleList(RULES).trimEnd().split("\n");
    expect(lines).toHaveLength(RULES.length);
    expect(lines).toContain("JIG-G001  No spec cited");
  });

  it("shows one rule with who reports it, its severity and its help", () => {
    const text = renderRuleHelp(g001);
    expect(text.split("\n")[0]).toBe("JIG-G001  No spec cited");
    expect(text).toContain("reported by: gate layer spec");
    expect(text).toContain("severity:    high");
    expect(text).toContain(g001.help);
  });

  it("keeps text that looks like HTML visible in markdown", () => {
    const markdown = renderRulesMarkdown(RULES);
    expect(markdown).toContain("SPEC-NNNN-&lt;slug&gt;.md");
    expect(markdown).toContain(
      "(#jig-s009-spec-file-name-does-not-match-spec-nnnn-slugmd-and-its-id)",
    );
  });

  it("docs/rules.md matches the registry (run npm run docs:rules after changing a rule)", () => {
    const committed = readFileSync(new URL("../../docs/rules.md", import.meta.url), "utf8");
    expect(committed).toBe(renderRulesMarkdown(RULES));
  });
});
