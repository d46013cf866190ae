import { describe, expect, it } from "vitest";
import { ValidationError } from "../core/errors.js";
import { addWaiver } from "./add-waiver.js";
import { parseWaivers } from "./parse-waivers.js";

const entry = {
  fingerprint: "0123456789abcdef",
  rule: "FM-SQL-001",
  path: "src/users.js",
  reason: "a fixture: never shipped",
  owner: "Dana <dana@example.com>",
  expires: "2027-01-31",
  created: "2026-12-05",
};

describe("addWaiver", () => {
  it("creates a file that parses back to the waiver, with a header comment", () => {
    const text = addWaiver(undefined, entry);
    expect(text.startsWith("#")).toBe(true);
    expect(parseWaivers(text, "jig.waivers.yaml").waivers).toEqual([
      { ...entry, line: expect.any(Number) },
    ]);
  });

  it("keeps comments and other entries, and replaces a waiver of the same fingerprint", () => {
    const existing = `# owned by the platform team
waivers:
  # vendored code, see ADR-12
  - fingerprint: fedcba9876543210
    reason: vendored
    expires: 2027-02-28 # review in Q1
`;
    const added = addWaiver(existing, entry);
    expect(added).toContain("# owned by the platform team");
    expect(added).toContain("# vendored code, see ADR-12");
    expect(added).toContain("# review in Q1");
    const renewed = addWaiver(added, { ...entry, expires: "2027-03-31" });
    const waivers = parseWaivers(renewed, "jig.waivers.yaml").waivers ?? [];
    expect(waivers.map((waiver) => [waiver.fingerprint, waiver.expires])).toEqual([
      ["fedcba9876543210", "2027-02-28"],
      ["0123456789abcdef", "2027-03-31"],
    ]);
  });

  it("refuses to edit a file that is already invalid", () => {
    expect(() => addWaiver("waivers:\n  - fingerprint: nope\n", entry)).toThrow(ValidationError);
  });
});
