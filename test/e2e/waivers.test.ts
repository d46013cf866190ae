import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Report } from "../../src/contract/index.js";
import type { Finding } from "../../src/core/finding.js";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { APPROVED_SPEC, runJig } from "./run-jig.js";

/**
 * Issue #13's waivers on real repositories: a person waives a failure-model
 * finding on the base, the waiver follows the finding when the code moves,
 * stops applying once expired, and an agent cannot waive its own finding.
 */
const SECRET = 'export const key = "AKIAIOSFODNN7EXAMPLE";\n';
const FILLER = Array.from({ length: 40 }, (_, index) => `// note ${index}\n`).join("");
const AGENT = "Co-Authored-By: Claude <noreply@anthropic.com>";

const seeded = useSeededRepo((seed) => {
  seed.write("jig.config.yaml", "version: 1\n");
  seed.write("src/refunds.js", "export const cap = 0;\n");
  seed.write("specs/SPEC-0001-refund-cap.md", APPROVED_SPEC);
  seed.commit("base");
}, "jig-e2e-waivers-");

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function check(): { code: number | null; report: Report } {
  const result = runJig(["check", "--base", "main", "--format", "json", "--no-ai"], {
    cwd: repo.dir,
  });
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

const secretFinding = (report: Report): Finding | undefined =>
  report.findings.find((finding) => finding.ruleId === "FM-SECRET-001");

/** Commit the secret on a branch off main and return its fingerprint, as `jig check` prints it. */
function fingerprintOfSecret(): string {
  repo.git("checkout", "-q", "-b", "first", "main");
  repo.write("src/key.ts", SECRET);
  repo.commit("key\n\nSpec: SPEC-0001");
  const { code, report } = check();
  expect(code).toBe(1);
  const fingerprint = secretFinding(report)?.fingerprint;
  expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
  return fingerprint ?? "";
}

/** A person commits `text` as jig.waivers.yaml on main. */
function waiveOnMain(text: string): void {
  repo.git("checkout", "-q", "main");
  repo.write("jig.waivers.yaml", text);
  repo.commit("waive the example key");
}

/** The change under test: the secret 40 lines further down, by a person or an agent. */
function movedChange(trailer = "", extra: Record<string, string> = {}): void {
  repo.git("checkout", "-q", "-b", "moved", "main");
  repo.write("src/key.ts", `${FILLER}${SECRET}`);
  for (const [path, content] of Object.entries(extra)) repo.write(path, content);
  repo.commit(`key moved\n\nSpec: SPEC-0001${trailer ? `\n${trailer}` : ""}`);
}

describe("jig waive and jig.waivers.yaml", () => {
  it("a waiver written by jig waive on the base still matches after the code moved 40 lines: PASS", () => {
    repo = seeded();
    const fingerprint = fingerprintOfSecret();
    const waived = runJig(
      [
        "waive",
        fingerprint,
        "--reason",
        "the AWS documentation's example key",
        "--expires",
        "2099-12-31",
      ],
      { cwd: repo.dir },
    );
    expect(waived.stderr).toBe("");
    expect(waived.code).toBe(0);
    const text = readFileSync(join(repo.dir, "jig.waivers.yaml"), "utf8");
    // Named from the latest recorded run; the owner is git's user.
    expect(text).toContain(`fingerprint: ${fingerprint}`);
    expect(text).toContain("rule: FM-SECRET-001");
    expect(text).toContain("path: src/key.ts");
    expect(text).toMatch(/owner: .+<.+@.+>/);
    repo.git("stash", "-q", "--include-untracked");
    repo.git("checkout", "-q", "main");
    repo.git("stash", "pop", "-q");
    repo.commit("waive the example key");

    movedChange();
    const { code, report } = check();
    const finding = secretFinding(report);
    expect(finding).toMatchObject({
      line: 41,
      fingerprint,
      waiver: { reason: "the AWS documentation's example key", expires: "2099-12-31" },
    });
    expect(finding?.waiver?.expired).toBeUndefined();
    expect(report.verdict.outcome).toBe("pass");
    expect(code).toBe(0);

    const text2 = runJig(["runs", "show", "latest"], { cwd: repo.dir }).stdout;
    expect(text2).toContain(`WAIVED until 2099-12-31`);
    expect(text2).toContain(fingerprint);
  });

  it("an expired waiver no longer applies: the finding counts again, and the report says so", () => {
    repo = seeded();
    const fingerprint = fingerprintOfSecret();
    waiveOnMain(
      `waivers:\n  - fingerprint: ${fingerprint}\n    reason: temporary\n    expires: 2020-01-31\n`,
    );
    movedChange();
    const { code, report } = check();
    expect(secretFinding(report)?.waiver).toMatchObject({ expires: "2020-01-31", expired: true });
    expect(report.verdict.outcome).toBe("fail");
    expect(code).toBe(1);
    expect(report.verdict.reasons.join("\n")).toContain(
      `waiver expired for FM-SECRET-001 (${fingerprint}`,
    );

    const listed = runJig(["waive", "list"], { cwd: repo.dir });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`compared with the findings of run ${report.run.id}`);
    expect(listed.stdout).toMatch(new RegExp(`jig.waivers.yaml:2 +expired +${fingerprint}`));
  });

  it("an agent's change that adds a waiver for its own finding is judged without it, and fails", () => {
    repo = seeded();
    const fingerprint = fingerprintOfSecret();
    movedChange(AGENT, {
      "jig.waivers.yaml": `waivers:\n  - fingerprint: ${fingerprint}\n    reason: fine\n    expires: 2099-12-31\n`,
    });
    const { code, report } = check();
    expect(secretFinding(report)?.fingerprint).toBe(fingerprint);
    expect(secretFinding(report)?.waiver).toBeUndefined();
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: "JIG-T001", file: "jig.waivers.yaml" }),
    );
    expect(report.verdict.outcome).toBe("fail");
    expect(code).toBe(1);
  });

  it("jig waive refuses bad input with one line and exit 2", () => {
    repo = seeded();
    const waive = (...args: string[]) => runJig(["waive", ...args], { cwd: repo.dir });
    const cases = [
      ["0123456789abcdef", "--reason", "r", "--expires", "2020-01-01"],
      ["0123456789abcdef", "--reason", "r", "--expires", "2099-02-30"],
      ["0123456789abcdef", "--reason", "r", "--expires", "31/12/2099"],
      ["0123456789abcdef", "--expires", "2099-01-01"],
      ["0123456789abcdef", "--reason", "  ", "--expires", "2099-01-01"],
      ["not-a-fingerprint", "--reason", "r", "--expires", "2099-01-01"],
    ];
    for (const args of cases) {
      const result = waive(...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
    expect(waive(...(cases[0] ?? [])).stderr).toMatch(/in the past/);
    expect(() => readFileSync(join(repo.dir, "jig.waivers.yaml"))).toThrow();
  });
});
