import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Report } from "../../src/contract/index.js";
import { buildDemoRepository, DEMO_CHANGES, type DemoChange } from "../../src/demo/index.js";
import { runGit } from "../../src/git/index.js";
import { runJig } from "./run-jig.js";

/**
 * The rows of issue #11's table, on the repository `jig demo --keep` builds:
 * each change does something wrong and also loosens the rule that would
 * catch it. Before #11 each extra edit turned the verdict into a PASS.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const change = (title: string) => {
  const found = DEMO_CHANGES.find((entry) => entry.title.includes(title));
  if (!found) throw new Error(`no demo change '${title}'`);
  return found;
};

type Row = {
  what: string;
  base: DemoChange;
  loosen(dir: string): void;
  /** Rewrite the commit message (a cited spec). */
  message?: (message: string) => string;
};

const edit = (dir: string, path: string, from: string | RegExp, to: string) => {
  const before = readFileSync(join(dir, path), "utf8");
  const after = before.replace(from, to);
  if (after === before) throw new Error(`${path}: nothing to loosen`);
  writeFileSync(join(dir, path), after);
};

const ROWS: Row[] = [
  {
    what: "the catch-all refund, plus gate.failOn: critical and require: [] in jig.config.yaml",
    base: change("turns any error into an approved refund"),
    loosen: (dir) =>
      edit(
        dir,
        "jig.config.yaml",
        /gate:\n {2}failOn: high\n {2}require: \[spec\]/,
        "gate:\n  failOn: critical\n  require: []",
      ),
  },
  {
    what: "the coder edits infra/, plus a widened agents/coder.yaml",
    base: change("also edits infra/"),
    loosen: (dir) => {
      edit(
        dir,
        "agents/coder.yaml",
        'write: ["src/**", "tests/**"]',
        'write: ["src/**", "tests/**", "infra/**"]',
      );
      edit(dir, "agents/coder.yaml", /escalate:[\s\S]*$/, "");
    },
  },
  {
    what: "VIP refunds skip the cap, plus a new SPEC-0002 with status: approved that the commit cites",
    base: change("lets VIP refunds skip the cap"),
    loosen: (dir) => {
      const spec = readFileSync(join(dir, "specs/SPEC-0001-refund-cap.md"), "utf8");
      writeFileSync(
        join(dir, "specs/SPEC-0002-vip.md"),
        spec
          .replaceAll("SPEC-0001", "SPEC-0002")
          .replace(/title: .*/, "title: VIP refunds skip the cap"),
      );
    },
    message: (message) => message.replace("Spec: SPEC-0001", "Spec: SPEC-0002"),
  },
  {
    what: "a refund exactly at the cap escalates, plus the approved spec's AC-1 edited to match",
    base: change("escalates a refund exactly at the cap"),
    loosen: (dir) =>
      edit(dir, "specs/SPEC-0001-refund-cap.md", "50000 cents or less", "less than 50000 cents"),
  },
];

async function make(row: Row, trailer: string): Promise<{ code: number | null; report: Report }> {
  const dir = mkdtempSync(join(tmpdir(), "jig-e2e-trusted-"));
  dirs.push(dir);
  await buildDemoRepository(dir);
  const git = (...args: string[]) =>
    runGit(["-c", "user.name=Sam Dev", "-c", "user.email=sam@example.com", ...args], dir);
  await git("checkout", "-q", "-b", "change");
  for (const [path, content] of Object.entries(row.base.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  row.loosen(dir);
  await git("add", "-A");
  let message = (row.message ?? ((text: string) => text))(row.base.commitMessage);
  // A person's version of the change carries no agent trailer at all.
  if (!trailer) message = message.replace(/^Agent: .*$/m, "");
  await git("commit", "-q", "-m", `${message.trimEnd()}${trailer ? `\n${trailer}` : ""}`);
  const result = runJig(["check", "--base", "main", "--no-ai", "--format", "json"], { cwd: dir });
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

describe("issue #11's table: a change cannot loosen the rule that would catch it", () => {
  it.each(ROWS.map((row) => [row.what, row] as const))(
    "%s: by Claude Code, FAIL on JIG-T001",
    async (_what, row) => {
      const { code, report } = await make(row, "Co-Authored-By: Claude <noreply@anthropic.com>");
      expect(report.verdict.outcome).toBe("fail");
      expect(code).toBe(1);
      expect(
        report.findings.some(
          (finding) => finding.ruleId === "JIG-T001" && finding.severity === "critical",
        ),
      ).toBe(true);
    },
  );

  it.each(ROWS.map((row) => [row.what, row] as const))(
    "%s: by a person, never a pass; the governance edit asks a person",
    async (_what, row) => {
      const { code, report } = await make(row, "");
      expect(report.verdict.outcome).not.toBe("pass");
      expect(code === 1 || code === 3).toBe(true);
      const t001 = report.findings.filter((finding) => finding.ruleId === "JIG-T001");
      expect(t001.length).toBeGreaterThan(0);
      expect(t001.every((finding) => finding.needsHuman === true)).toBe(true);
      expect(report.governance?.source).toBe("base");
    },
  );
});
