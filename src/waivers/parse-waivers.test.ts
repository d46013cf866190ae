import { describe, expect, it } from "vitest";
import { parseWaivers } from "./parse-waivers.js";

const VALID = `# Waivers
waivers:
  # the fixture builds SQL on purpose
  - fingerprint: 0123456789abcdef
    rule: FM-SQL-001
    path: test/fixtures/sql.js
    reason: a fixture, never shipped
    owner: Dana <dana@example.com>
    expires: 2027-01-31
    created: 2026-12-01
  - fingerprint: fedcba9876543210
    reason: vendored
    expires: 2027-02-28
`;

describe("parseWaivers", () => {
  it("reads each waiver with the line its entry starts on", () => {
    const { waivers, problems } = parseWaivers(VALID, "jig.waivers.yaml");
    expect(problems).toEqual([]);
    expect(waivers?.map((waiver) => [waiver.fingerprint, waiver.line])).toEqual([
      ["0123456789abcdef", 4],
      ["fedcba9876543210", 11],
    ]);
    expect(waivers?.[0]).toMatchObject({ rule: "FM-SQL-001", owner: "Dana <dana@example.com>" });
  });

  it("waives nothing from an empty file", () => {
    expect(parseWaivers("", "jig.waivers.yaml")).toEqual({ waivers: [], problems: [] });
  });

  it("reports every bad entry at its line and column", () => {
    const text = `waivers:
  - fingerprint: 0123456789abcdef
    reason: ok
    expires: 2027-02-30
  - fingerprint: not-a-fingerprint
    reason: "  "
    expires: 2027-01-01
    extra: 1
`;
    const { waivers, problems } = parseWaivers(text, "jig.waivers.yaml");
    expect(waivers).toBeUndefined();
    const where = problems.map((problem) => `${problem.line}: ${problem.message}`);
    expect(where).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^4: .*calendar day/),
        expect.stringMatching(/^5: .*fingerprint/),
        expect.stringMatching(/^6: .*why/),
        expect.stringMatching(/^8: .*extra/),
      ]),
    );
    expect(problems.every((problem) => problem.path === "jig.waivers.yaml")).toBe(true);
  });

  it("refuses YAML that does not parse and two waivers of one fingerprint", () => {
    expect(parseWaivers("waivers: [", "w.yaml").problems[0]?.code).toBe("yaml/syntax");
    const twice = `waivers:
  - { fingerprint: 0123456789abcdef, reason: a, expires: 2027-01-01 }
  - { fingerprint: 0123456789abcdef, reason: b, expires: 2027-01-01 }
`;
    const { problems } = parseWaivers(twice, "w.yaml");
    expect(problems).toEqual([
      expect.objectContaining({
        code: "waivers/duplicate",
        line: 3,
        message: expect.stringContaining("line 2"),
      }),
    ]);
  });
});
