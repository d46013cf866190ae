import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findRule, RULES } from "./rule-registry.js";

const src = fileURLToPath(new URL("../", import.meta.url));
const REGISTRY = "contract/rule-registry.ts";
const RULE_ID = /\bJIG-[A-Z]\d{3}\b/g;

/** Every `JIG-X000` literal in non-test source, with the files that use it. */
function idsInSource(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const entry of readdirSync(src, { withFileTypes: true, recursive: true })) {
    const path = relative(src, join(entry.parentPath, entry.name)).split("\\").join("/");
    if (!entry.isFile() || !path.endsWith(".ts") || path.endsWith(".test.ts")) continue;
    if (path === REGISTRY) continue;
    for (const id of readFileSync(join(src, path), "utf8").match(RULE_ID) ?? []) {
      used.set(id, [...(used.get(id) ?? []), path]);
    }
  }
  return used;
}

describe("the rule registry", () => {
  const used = idsInSource();

  it("lists every JIG rule id the source uses", () => {
    const missing = [...used]
      .filter(([id]) => !findRule(id))
      .map(([id, files]) => `${id} (${files[0]})`);
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });

  it("lists no rule that nothing reports", () => {
    expect(RULES.map((rule) => rule.id).filter((id) => !used.has(id))).toEqual([]);
  });

  it("holds each id once, in order, with a title and help written as text", () => {
    const ids = RULES.map((rule) => rule.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^JIG-[A-Z]\d{3}$/);
      expect(rule.title, rule.id).toMatch(/^[A-Z].*[^.]$/);
      expect(rule.help, rule.id).toMatch(/^\S.*\.$/);
      expect(rule.reportedBy, rule.id).not.toBe("");
      expect(rule.severity, rule.id).not.toBe("");
    }
  });

  it("finds a rule by id in any case, and nothing for ids it does not own", () => {
    expect(findRule("jig-g001")?.title).toBe("No spec cited");
    expect(findRule("FM-SQL-001")).toBeUndefined();
    expect(findRule("SPEC-0007/AC-2")).toBeUndefined();
    expect(findRule("toString")).toBeUndefined();
  });
});
