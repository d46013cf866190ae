import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { type HistoryCommit, type JudgedRun, judgeOutcomes } from "./judge-outcomes.js";
import { createDomainMatcher, touchedDomains } from "./match-domains.js";
import { readBranchHistory, readCommits, readPatchIds } from "./read-history.js";

const DAY = 86_400_000;
const match = createDomainMatcher({ billing: ["src/billing/**"], docs: ["docs/**"] });

/**
 * Outcomes judged over a real repository: commits made with git at chosen
 * dates, read back by readBranchHistory (so the -U0 line ranges are git's),
 * then judged against runs given as data.
 */
describe("judgeOutcomes over a real history", () => {
  let repo: TempRepo;
  const start = Date.parse("2026-10-01T12:00:00Z");
  /** git at a chosen date: outcomes depend on committer time. */
  const gitAt = (days: number, ...args: string[]) => {
    const date = new Date(start + days * DAY).toISOString();
    execFileSync("git", args, {
      cwd: repo.dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Pat",
        GIT_AUTHOR_EMAIL: "pat@example.com",
        GIT_COMMITTER_NAME: "Pat",
        GIT_COMMITTER_EMAIL: "pat@example.com",
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
    return repo.git("rev-parse", "HEAD");
  };
  const commitAt = (days: number, message: string, files: Record<string, string>) => {
    for (const [path, content] of Object.entries(files)) repo.write(path, content);
    repo.git("add", "-A");
    return gitAt(days, "commit", "-q", "--allow-empty", "-m", message);
  };
  const attribute = (commit: Pick<HistoryCommit, "trailers">) =>
    commit.trailers.find((t) => t.key === "Agent")?.value;
  const run = (
    head: string,
    outcome: JudgedRun["outcome"],
    at = "2026-10-01T00:00:00Z",
  ): JudgedRun => ({
    runId: `run-${head.slice(0, 6)}`,
    head,
    at,
    outcome,
  });
  async function judge(runs: JudgedRun[], nowDays: number) {
    const branch = await readBranchHistory(repo.dir, "main");
    const onBranch = new Set(branch.map((c) => c.sha));
    const offBranch = await readCommits(
      repo.dir,
      runs.map((r) => r.head).filter((sha) => !onBranch.has(sha)),
    );
    const patchIds = await readPatchIds(repo.dir, [
      ...offBranch.map((c) => c.sha),
      ...branch.filter((c) => offBranch.some((o) => o.subject === c.subject)).map((c) => c.sha),
    ]);
    return judgeOutcomes({
      branch,
      offBranch,
      runs,
      patchIds,
      attribute,
      domainsOf: (paths) => touchedDomains(match, paths),
      outcomeDays: 14,
      now: new Date(start + nowDays * DAY),
    });
  }
  const summary = (events: Awaited<ReturnType<typeof judge>>) =>
    events.map(
      (e) => `${e.kind} ${e.outcome ?? "-"} ${e.agent}/${e.domain} ${e.subject?.slice(0, 7)}`,
    );

  beforeEach(() => {
    repo = createTempRepo("jig-judge-");
    commitAt(0, "base", { "src/billing/fee.ts": "a\nb\nc\nd\ne\n", "docs/x.md": "x\n" });
  });
  afterEach(() => {
    repo.cleanup();
  });

  it("reads paths, trailers and the lines each commit wrote", async () => {
    const sha = commitAt(1, "feat: fee\n\nAgent: coder", {
      "src/billing/fee.ts": "a\nB\nc\nd\nE\nf\n",
    });
    const [commit] = await readCommits(repo.dir, [sha]);
    expect(commit?.paths).toEqual(["src/billing/fee.ts"]);
    expect(commit?.trailers).toEqual([{ key: "Agent", value: "coder" }]);
    expect(commit?.lines.get("src/billing/fee.ts")).toEqual({
      old: [
        [2, 2],
        [5, 5],
      ],
      new: [
        [2, 2],
        [5, 6],
      ],
    });
  });

  it("agrees on a PASS that stood for outcomeDays, and waits until then", async () => {
    const sha = commitAt(1, "feat: fee\n\nAgent: coder", {
      "src/billing/fee.ts": "a\nB\nc\nd\ne\n",
    });
    expect(await judge([run(sha, "pass")], 10)).toEqual([]);
    expect(summary(await judge([run(sha, "pass")], 15))).toEqual([
      `outcome agree coder/billing ${sha.slice(0, 7)}`,
    ]);
    expect(summary(await judge([run(sha, "fail")], 15))).toEqual([
      `outcome disagree coder/billing ${sha.slice(0, 7)}`,
    ]);
    expect(await judge([run(sha, "needs-human")], 15)).toEqual([]);
  });

  it("disagrees with a PASS whose lines a person rewrote within outcomeDays, not other lines", async () => {
    const sha = commitAt(1, "feat: fee\n\nAgent: coder", {
      "src/billing/fee.ts": "a\nB\nc\nd\ne\n",
    });
    commitAt(3, "tweak docs", { "src/billing/fee.ts": "a\nB\nc\nd\ne2\n" });
    expect(summary(await judge([run(sha, "pass")], 20))).toEqual([
      `outcome agree coder/billing ${sha.slice(0, 7)}`,
    ]);
    const fix = commitAt(5, "fix fee", { "src/billing/fee.ts": "a\nB2\nc\nd\ne2\n" });
    const events = await judge([run(sha, "pass")], 6);
    expect(summary(events)).toEqual([`outcome disagree coder/billing ${sha.slice(0, 7)}`]);
    expect(events[0]?.detail?.reason).toContain(fix.slice(0, 12));
  });

  it("disagrees with a PASS a person amended before it landed, but not with a rebase", async () => {
    repo.git("checkout", "-q", "-b", "agent");
    const original = commitAt(1, "feat: fee\n\nAgent: coder", {
      "src/billing/fee.ts": "a\nB\nc\nd\ne\n",
    });
    repo.git("checkout", "-q", "main");
    commitAt(2, "feat: fee\n\nAgent: coder", { "src/billing/fee.ts": "a\nB!\nc\nd\ne\n" });
    expect(summary(await judge([run(original, "pass")], 20))).toEqual([
      `outcome disagree coder/billing ${original.slice(0, 7)}`,
    ]);
    expect(summary(await judge([run(original, "fail")], 20))).toEqual([
      `outcome agree coder/billing ${original.slice(0, 7)}`,
    ]);

    repo.git("checkout", "-q", "agent");
    const second = commitAt(3, "feat: docs\n\nAgent: coder", { "docs/x.md": "y\n" });
    repo.git("checkout", "-q", "main");
    gitAt(3, "cherry-pick", second);
    expect(summary(await judge([run(second, "pass")], 20))).toEqual([
      `outcome agree coder/docs ${second.slice(0, 7)}`,
    ]);
  });

  it("makes an incident of a revert and of an Incident: trailer, in the commit's domains", async () => {
    const sha = commitAt(1, "feat: fee\n\nAgent: coder", {
      "src/billing/fee.ts": "a\nB\nc\nd\ne\n",
      "docs/x.md": "z\n",
    });
    const other = commitAt(2, "feat: more\n\nAgent: fixer", { "docs/y.md": "y\n" });
    gitAt(3, "revert", "--no-edit", sha);
    commitAt(4, `docs: note\n\nIncident: ${other.slice(0, 9)}`, { "docs/z.md": "z\n" });
    const incidents = (await judge([], 5)).filter((e) => e.kind === "incident");
    expect(summary(incidents)).toEqual([
      `incident - coder/billing ${sha.slice(0, 7)}`,
      `incident - coder/docs ${sha.slice(0, 7)}`,
      `incident - fixer/docs ${other.slice(0, 7)}`,
    ]);
    expect(incidents[0]?.detail).toMatchObject({ how: "revert" });
    expect(incidents[2]?.detail).toMatchObject({ how: "trailer" });
  });
});
