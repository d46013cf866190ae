import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import type { FakeModelRequest } from "../../src/testing/fake-model-server.js";
import { type FakeFile, type FakeGithub, startFakeGithub } from "./fake-github.js";
import {
  createRefundsRepo,
  refundCapReviewer,
  reviewerConfig,
  runJigAsync,
  useReviewFixtures,
} from "./review-support.js";
import { JIG_BIN } from "./run-jig.js";

const fixtures = useReviewFixtures();
let github: FakeGithub | undefined;

afterEach(async () => {
  // Every request the real API would reject fails the test that made it.
  const violations = github?.violations ?? [];
  await github?.close();
  github = undefined;
  expect(violations).toEqual([]);
});

const PULL_NUMBER = 7;
const FIXED_REFUNDS = `export function decideRefund(request) {
  if (request.amountCents <= 50000) return { decision: "approved" };
  return { decision: "escalated", reason: "above the 50000 cent cap" };
}
`;

interface PullRequest {
  repo: TempRepo;
  base: string;
  head: string;
  eventPath: string;
  summaryPath: string;
}

/** The refunds repository as a pull request: feature onto main, with its event payload. */
function openPullRequest(): PullRequest {
  const repo = fixtures.track(
    createRefundsRepo({ config: reviewerConfig(fixtures.stub.openaiBaseURL) }),
  );
  const pull = {
    repo,
    base: repo.git("rev-parse", "main"),
    head: repo.git("rev-parse", "HEAD"),
    eventPath: join(repo.dir, ".jig-event.json"),
    summaryPath: join(repo.dir, ".jig-summary.md"),
  };
  writeEvent(pull);
  // Outside the repository's view of the change: git must not see these as changed files.
  repo.write(".git/info/exclude", ".jig-event.json\n.jig-summary.md\njig.sarif\n");
  return pull;
}

function writeEvent(pull: PullRequest): void {
  writeFileSync(
    pull.eventPath,
    JSON.stringify({
      action: "synchronize",
      number: PULL_NUMBER,
      pull_request: { number: PULL_NUMBER, base: { sha: pull.base }, head: { sha: pull.head } },
    }),
  );
}

/** The files of the pull request as GitHub lists them: one patch per file, hunks only. */
function filesOf(pull: PullRequest): FakeFile[] {
  const names = pull.repo.git("diff", "--name-only", pull.base, pull.head).split("\n");
  return names
    .filter((name) => name !== "")
    .map((filename) => {
      const diff = pull.repo.git("diff", "--unified=3", pull.base, pull.head, "--", filename);
      return { filename, patch: diff.slice(diff.indexOf("@@")) };
    });
}

async function startGithub(pull: PullRequest, files = filesOf(pull)): Promise<FakeGithub> {
  github = await startFakeGithub({
    owner: "acme",
    repo: "shop",
    pullNumber: PULL_NUMBER,
    headSha: pull.head,
    files,
  });
  return github;
}

function ciEnv(pull: PullRequest, fake: FakeGithub) {
  return {
    OPENAI_API_KEY: "test",
    GITHUB_EVENT_PATH: pull.eventPath,
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_API_URL: fake.url,
    GITHUB_TOKEN: fake.token,
    GITHUB_STEP_SUMMARY: pull.summaryPath,
  };
}

/** The flags the documented workflow passes (docs/github-action.md), with a short retry wait. */
const CI_FLAGS = ["ci", "github", "--comment", "--sarif", "jig.sarif", "--max-retry-wait", "0.05"];

function runCi(pull: PullRequest, fake: FakeGithub, extra: string[] = []) {
  return runJigAsync([...CI_FLAGS, ...extra], { cwd: pull.repo.dir, env: ciEnv(pull, fake) });
}

/** Push a commit that fixes the cap, as a new head of the same pull request. */
function pushFix(pull: PullRequest, fake: FakeGithub): void {
  pull.repo.write("src/refunds.js", FIXED_REFUNDS);
  pull.head = pull.repo.commit("fix the cap\n\nSpec: SPEC-0001");
  writeEvent(pull);
  fake.headSha = pull.head;
  fake.files = filesOf(pull);
}

const writes = (fake: FakeGithub, operationId: string) =>
  fake.requests.filter((request) => request.operationId === operationId && request.status < 300);

describe("jig ci github against a fake GitHub API", () => {
  it("writes the step summary and SARIF, posts one PR comment and one inline comment, exits with the verdict", async () => {
    const pull = openPullRequest();
    const fake = await startGithub(pull);
    const result = await runCi(pull, fake);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);

    const summary = readFileSync(pull.summaryPath, "utf8");
    expect(summary).toContain("## ❌ jig: fail");
    expect(summary).toContain("Refund cap is off by one");
    const sarif = JSON.parse(readFileSync(join(pull.repo.dir, "jig.sarif"), "utf8"));
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: "SPEC-0001/AC-1", level: "error" });

    expect(fake.issueComments).toHaveLength(1);
    const comment = fake.issueComments[0]?.body ?? "";
    expect(comment.startsWith("<!-- jig:report -->")).toBe(true);
    expect(comment).toContain("## ❌ jig: fail");
    expect(comment).toContain("### Acceptance criteria");
    expect(comment).toContain("Refund cap is off by one");

    expect(fake.reviewComments).toHaveLength(1);
    const inline = fake.reviewComments[0];
    expect(inline).toMatchObject({ path: "src/refunds.js", line: 2, commit_id: pull.head });
    const fingerprint = sarif.runs[0].results[0].partialFingerprints["jig/v1"];
    expect(inline?.body).toContain(`<!-- jig:finding ${fingerprint} -->`);
  });

  it("edits its PR comment on a rerun and never duplicates an inline comment", async () => {
    const pull = openPullRequest();
    const fake = await startGithub(pull);
    expect((await runCi(pull, fake)).code).toBe(1);
    const first = fake.issueComments[0]?.body;
    expect((await runCi(pull, fake)).code).toBe(1);

    expect(fake.issueComments).toHaveLength(1);
    // The run id and duration change, so the one comment is edited, not left stale.
    expect(fake.issueComments[0]?.body).not.toBe(first);
    expect(writes(fake, "issues/create-comment")).toHaveLength(1);
    expect(writes(fake, "issues/update-comment")).toHaveLength(1);
    expect(fake.reviewComments).toHaveLength(1);
    expect(writes(fake, "pulls/create-review-comment")).toHaveLength(1);
    expect(writes(fake, "pulls/update-review-comment")).toHaveLength(0);
  });

  it("marks an inline comment resolved once its finding is gone, once", async () => {
    const pull = openPullRequest();
    const fake = await startGithub(pull);
    expect((await runCi(pull, fake)).code).toBe(1);
    pushFix(pull, fake);

    const fixed = await runCi(pull, fake);
    expect(fixed.code).toBe(0);
    expect(fake.reviewComments).toHaveLength(1);
    expect(fake.reviewComments[0]?.body).toContain("✅ **Resolved:**");
    expect(fake.reviewComments[0]?.body).toContain(pull.head.slice(0, 12));
    expect(fake.issueComments).toHaveLength(1);
    expect(fake.issueComments[0]?.body).toContain("## ✅ jig: pass");

    expect((await runCi(pull, fake)).code).toBe(0);
    expect(writes(fake, "pulls/update-review-comment")).toHaveLength(1);
    expect(writes(fake, "pulls/create-review-comment")).toHaveLength(1);
  });

  it("pages through a pull request of more than 300 files to find the finding's line", async () => {
    const pull = openPullRequest();
    const fillers: FakeFile[] = Array.from({ length: 349 }, (_, index) => ({
      filename: `docs/page-${index}.md`,
      patch: "@@ -0,0 +1 @@\n+page",
      status: "added",
    }));
    const fake = await startGithub(pull, [...fillers, ...filesOf(pull)]);
    expect((await runCi(pull, fake)).code).toBe(1);

    const pages = fake.requests.filter((request) => request.operationId === "pulls/list-files");
    expect(pages.map((request) => request.query.page ?? "1")).toEqual(["1", "2", "3", "4"]);
    expect(pages.every((request) => request.query.per_page === "100")).toBe(true);
    expect(fake.reviewComments).toHaveLength(1);
    expect(fake.reviewComments[0]?.path).toBe("src/refunds.js");
  });

  it("puts a finding GitHub shows no patch for in the PR comment instead of inline", async () => {
    const pull = openPullRequest();
    // GitHub leaves `patch` out of files whose diff is too large.
    const fake = await startGithub(pull, [{ filename: "src/refunds.js" }]);
    expect((await runCi(pull, fake)).code).toBe(1);

    expect(fake.reviewComments).toHaveLength(0);
    const comment = fake.issueComments[0]?.body ?? "";
    expect(comment).toContain("### Not on a changed line (1)");
    expect(comment).toContain("`src/refunds.js:2`");
  });

  it("waits out secondary rate limits (403 and 429 with retry-after) and retries", async () => {
    const pull = openPullRequest();
    const fake = await startGithub(pull);
    fake.fail({ status: 403, retryAfter: 30, method: "POST", times: 1 });
    fake.fail({ status: 429, retryAfter: 30, method: "POST", times: 1 });
    const started = performance.now();
    const result = await runCi(pull, fake);
    expect(result.code).toBe(1);
    // --max-retry-wait 0.05 caps the 30 s the server asked for.
    expect(performance.now() - started).toBeLessThan(20_000);
    const posts = fake.requests.filter((request) => request.method === "POST");
    expect(posts.map((request) => request.status).slice(0, 3)).toEqual([403, 429, 201]);
    expect(fake.issueComments).toHaveLength(1);
    expect(fake.reviewComments).toHaveLength(1);
  });

  it("falls back to the step summary with one warning when the token may not write; the exit code is still the verdict", async () => {
    const pull = openPullRequest();
    const fake = await startGithub(pull);
    fake.readOnly = true;
    const result = await runCi(pull, fake);
    expect(result.code).toBe(1);
    const warnings = result.stdout.split("\n").filter((line) => line.startsWith("::warning"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("Resource not accessible by integration");
    expect(fake.issueComments).toHaveLength(0);
    expect(fake.reviewComments).toHaveLength(0);
    const summary = readFileSync(pull.summaryPath, "utf8");
    expect(summary).toContain("pull-requests: write");
    expect(summary).toContain("## ❌ jig: fail");
  });

  it("retries GitHub's server errors, then exits 4 with one line, the report still in the summary", async () => {
    const pull = openPullRequest();
    const fake = await startGithub(pull);
    fake.fail({ status: 502, method: "POST", times: 1 });
    expect((await runCi(pull, fake, ["--inline-threshold", "off"])).code).toBe(1);
    expect(fake.issueComments).toHaveLength(1);

    fake.fail({ status: 502, method: "PATCH", times: 100 });
    const result = await runCi(pull, fake, ["--inline-threshold", "off"]);
    expect(result.code).toBe(4);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("publishing to the pull request failed");
    // The first attempt and four retries.
    expect(fake.requests.filter((request) => request.method === "PATCH")).toHaveLength(5);
    const summary = readFileSync(pull.summaryPath, "utf8");
    expect(summary).toContain("publishing to the pull request failed");
    expect(summary.match(/## ❌ jig: fail/g)).toHaveLength(2);
  });

  it("turns a pass into a fail with a stricter fail-on, and ignores a looser one", async () => {
    const pull = openPullRequest();
    const fake = await startGithub(pull);
    fixtures.stub.setFallback((request: FakeModelRequest) => {
      const reply = refundCapReviewer(request);
      const value = reply.value as { findings: Array<{ severity: string }>; criteria: unknown[] };
      // A medium finding and every criterion met: a pass under the config's failOn (high).
      for (const finding of value.findings) finding.severity = "medium";
      value.criteria = [{ id: "AC-1", status: "met", evidence: "checked" }];
      return reply;
    });
    expect((await runCi(pull, fake, ["--inline-threshold", "off"])).code).toBe(0);
    const stricter = await runCi(pull, fake, ["--fail-on", "medium", "--inline-threshold", "off"]);
    expect(stricter.code).toBe(1);
    expect(readFileSync(pull.summaryPath, "utf8")).toContain("the workflow's fail-on");
    const looser = await runCi(pull, fake, ["--fail-on", "critical"]);
    expect(looser.stdout).toMatch(/::warning title=jig::fail-on critical is looser/);
  });

  it("exits 2 naming the event file when the payload is not JSON", async () => {
    const pull = openPullRequest();
    const fake = await startGithub(pull);
    writeFileSync(pull.eventPath, "{not json");
    const result = await runCi(pull, fake);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${pull.eventPath}:1: the event payload is not JSON`);
    expect(existsSync(pull.summaryPath)).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });
});

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface ActionStep {
  env: Record<string, string>;
  run: string;
}

/** The composite action's one step, as action.yml defines it. */
function actionStep(): { inputs: Record<string, { default?: string }>; step: ActionStep } {
  const action = parseYaml(readFileSync(join(ROOT, "action.yml"), "utf8"));
  return { inputs: action.inputs, step: action.runs.steps[0] };
}

/** The jig step of the example workflow in docs/github-action.md. */
function documentedStep(): { with: Record<string, unknown>; env: Record<string, string> } {
  const doc = readFileSync(join(ROOT, "docs/github-action.md"), "utf8");
  const section = doc.slice(doc.indexOf("## Example workflow"));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (!yaml) throw new Error("docs/github-action.md has no example workflow");
  const workflow = parseYaml(yaml);
  const steps: Array<{
    uses?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
  }> = workflow.jobs.gate.steps;
  const step = steps.find((item) => /(^\.\/$|\/jig@)/.test(item.uses ?? ""));
  if (!step) throw new Error("the example workflow has no jig step");
  expect(steps.some((item) => item.uses?.startsWith("github/codeql-action/upload-sarif"))).toBe(
    true,
  );
  return { with: step.with ?? {}, env: step.env ?? {} };
}

/** `${{ inputs.x }}`, `${{ github.token }}` and `${{ secrets.X }}`, as the runner expands them. */
function expand(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for \${{ ${name} }}`);
    return value;
  });
}

function runBash(script: string, cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
      cwd,
      env: { ...process.env, ...env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the documented workflow", () => {
  it("runs action.yml with the example's inputs, and passes the flags the other tests exercise", async () => {
    const pull = openPullRequest();
    const fake = await startGithub(pull);
    const { inputs, step } = actionStep();
    const documented = documentedStep();

    const values: Record<string, string> = {
      "github.token": fake.token,
      "secrets.OPENAI_API_KEY": "test",
    };
    for (const [name, input] of Object.entries(inputs)) {
      const given = documented.with[name];
      values[`inputs.${name}`] = given === undefined ? String(input.default ?? "") : String(given);
    }
    values["inputs.token"] = expand(values["inputs.token"] ?? "", values);
    for (const name of Object.keys(documented.with)) expect(Object.keys(inputs)).toContain(name);

    // `npx --no-install jig` as the action calls it, served by the built binary; it logs its argv.
    const bin = join(pull.repo.dir, ".git", "fake-bin");
    mkdirSync(bin);
    const argvLog = join(bin, "argv.json");
    writeFileSync(
      join(bin, "npx"),
      `#!/bin/sh\n[ "$1" = "--no-install" ] && shift\n[ "$1" = "jig" ] && shift\nnode -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))' "${argvLog}" "$@"\nexec "${process.execPath}" "${JIG_BIN}" "$@"\n`,
    );
    chmodSync(join(bin, "npx"), 0o755);

    const env: Record<string, string> = {
      ...ciEnv(pull, fake),
      PATH: `${bin}:${process.env.PATH ?? ""}`,
    };
    delete (env as Record<string, string | undefined>).GITHUB_TOKEN;
    for (const [name, value] of Object.entries(documented.env)) env[name] = expand(value, values);
    for (const [name, value] of Object.entries(step.env)) env[name] = expand(value, values);
    const result = await runBash(step.run, pull.repo.dir, env);

    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(fake.issueComments).toHaveLength(1);
    expect(fake.reviewComments).toHaveLength(1);
    expect(existsSync(join(pull.repo.dir, "jig.sarif"))).toBe(true);
    expect(readFileSync(pull.summaryPath, "utf8")).toContain("## ❌ jig: fail");

    const argv: string[] = JSON.parse(readFileSync(argvLog, "utf8"));
    expect(argv.slice(0, 2)).toEqual(["ci", "github"]);
    const passed = argv.filter((arg) => arg.startsWith("--"));
    for (const flag of CI_FLAGS.filter((arg) => arg.startsWith("--")))
      expect(passed).toContain(flag);
    expect(argv).toEqual(
      expect.arrayContaining(["--fail-on", "high", "--inline-threshold", "high"]),
    );
  });
});
