import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { specContentHash } from "../../spec/index.js";
import { createTempRepo, type TempRepo } from "../../test-support/temp-repo.js";
import type { CliContext } from "../cli-context.js";
import { COMMANDS } from "../registry.js";
import { runCommand } from "../run-command.js";

const GOOD_SPEC = `---
id: SPEC-0001
title: Login throttling
status: draft
domains: [auth]
owner: alice
---

## Problem

Attackers can guess passwords without limit.

## Acceptance criteria

- AC-1: Given a user, when they submit a wrong password 5 times, then the API responds 429.
- AC-2: When a locked user logs in, then the API returns 429.

## Constraints

None.

## Risks

None.

## Out of scope

MFA.
`;

const ANSWERS = `
title: Password reset
problem: Users who forget their password are stuck.
audience: Account holders
criteria:
  - When a user asks for a reset, then the system sends an email with a link.
  - The reset page is fast.
followUps:
  AC-2: When a user opens the reset link, then the page responds within 300 ms at p95.
outOfScope: SMS resets
domains: [auth]
owner: bob
`;

async function jig(cwd: string, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const context: CliContext = {
    cwd,
    env: {},
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: Readable.from([]),
    now: () => new Date("2025-01-01T00:00:00Z"),
    version: "0.0.0-test",
    exitCode: 0,
  };
  const entry = COMMANDS.find((command) => command.name === "spec");
  if (!entry) throw new Error("spec command not registered");
  const code = await runCommand(entry, argv, context);
  return { code, stdout, stderr };
}

describe("jig spec", () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  const repo = (): TempRepo => {
    const created = createTempRepo();
    cleanups.push(() => created.cleanup());
    return created;
  };

  it("lint exits 0 on a good spec, 1 on lint errors, 2 on an unparsable file", async () => {
    const r = repo();
    r.write("specs/SPEC-0001-login-throttling.md", GOOD_SPEC);
    let result = await jig(r.dir, "lint");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("1 spec(s) checked: 0 error(s)");

    r.write(
      "specs/SPEC-0002-vague.md",
      GOOD_SPEC.replace("SPEC-0001", "SPEC-0002").replace(
        "then the API returns 429.",
        "it is fast.",
      ),
    );
    result = await jig(r.dir, "lint");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/specs\/SPEC-0002-vague\.md:16: AC-2 says "fast".*\[JIG-S011\]/);

    r.write("specs/SPEC-0003-broken.md", "---\nid: SPEC-0003\ntitle: [oops\n---\n");
    result = await jig(r.dir, "lint");
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /specs\/SPEC-0003-broken\.md:\d+:\d+: frontmatter: .*\[JIG-S002\]/,
    );

    // Paths are shown relative to where jig runs, and a single path lints only that file.
    result = await jig(join(r.dir, "specs"), "lint", "SPEC-0001-login-throttling.md");
    expect(result.code).toBe(0);
  });

  it("lint reports an unreadable path and exits 2", async () => {
    const r = repo();
    const result = await jig(r.dir, "lint", "specs/SPEC-0009-missing.md");
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("specs/SPEC-0009-missing.md: cannot read the file (ENOENT)");
  });

  it("new --answers writes the next numbered draft, using the follow-up answer", async () => {
    const r = repo();
    r.write("specs/SPEC-0004-old.md", GOOD_SPEC.replace("SPEC-0001", "SPEC-0004"));
    r.write("answers.yaml", ANSWERS);
    const result = await jig(r.dir, "new", "--answers", "answers.yaml", "--non-interactive");
    expect(result).toMatchObject({ code: 0, stdout: "specs/SPEC-0005-password-reset.md\n" });
    const text = readFileSync(join(r.dir, "specs/SPEC-0005-password-reset.md"), "utf8");
    expect(text).toContain("status: draft");
    expect(text).toContain(
      "- AC-2: When a user opens the reset link, then the page responds within 300 ms at p95.",
    );
    expect((await jig(r.dir, "lint")).code).toBe(0);
  });

  it("new --template prints an answers file that --answers refuses unfilled and accepts filled in", async () => {
    const r = repo();
    const template = await jig(r.dir, "new", "--template");
    expect(template.code).toBe(0);
    expect(template.stdout).toMatch(/^# Answers for 'jig spec new --answers FILE'/);
    r.write("answers.yaml", template.stdout);
    const unfilled = await jig(r.dir, "new", "--answers", "answers.yaml", "--non-interactive");
    expect(unfilled.code).toBe(2);
    expect(unfilled.stderr).toContain('answers.yaml:4:8: "title": must not be empty');
    const filled = template.stdout
      .replace('title: ""', 'title: "Password reset"')
      .replace('problem: ""', 'problem: "Users cannot reset a forgotten password."')
      .replace('audience: ""', 'audience: "Account holders"')
      .replace(
        '  - ""',
        '  - "Given a user, when they request a reset, then an email with a link is sent within 60 s."',
      )
      .replace('outOfScope: ""', 'outOfScope: "SMS reset"')
      .replace('domains: ""', 'domains: "auth"');
    r.write("answers.yaml", filled);
    const result = await jig(r.dir, "new", "--answers", "answers.yaml", "--non-interactive");
    expect(result).toMatchObject({ code: 0, stdout: "specs/SPEC-0001-password-reset.md\n" });
    expect((await jig(r.dir, "lint")).code).toBe(0);
  });

  it("new refuses to run without answers when it cannot prompt", async () => {
    const r = repo();
    let result = await jig(r.dir, "new", "--non-interactive");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--non-interactive needs --answers");
    result = await jig(r.dir, "new");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("pass --answers FILE");
  });

  it("new reports a bad answers file with file:line:col and exits 2", async () => {
    const r = repo();
    r.write("answers.yaml", "title: Ok\ncriteria: not-a-list\n");
    const result = await jig(r.dir, "new", "--answers", "answers.yaml");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("answers.yaml:2:11:");
    expect(existsSync(join(r.dir, "specs"))).toBe(false);
  });

  it("approve refuses while lint reports errors, then approves", async () => {
    const r = repo();
    r.git("config", "user.name", "Dana Demo");
    r.git("config", "user.email", "dana@example.com");
    const vague = GOOD_SPEC.replace("then the API returns 429.", "it is robust.");
    r.write("specs/SPEC-0001-login-throttling.md", vague);
    let result = await jig(r.dir, "approve", "SPEC-0001");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("[JIG-S011]");
    expect(readFileSync(join(r.dir, "specs/SPEC-0001-login-throttling.md"), "utf8")).toBe(vague);

    r.write("specs/SPEC-0001-login-throttling.md", GOOD_SPEC);
    result = await jig(r.dir, "approve", "1");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("SPEC-0001 approved by Dana Demo <dana@example.com>");
    // Who (the repo's git identity), when (the injected clock) and what (the content hash).
    expect(readFileSync(join(r.dir, "specs/SPEC-0001-login-throttling.md"), "utf8")).toBe(
      GOOD_SPEC.replace(
        "status: draft\n",
        `status: approved\napproval:\n  by: "Dana Demo <dana@example.com>"\n  at: "2025-01-01T00:00:00.000Z"\n  hash: "${specContentHash(GOOD_SPEC)}"\n`,
      ),
    );
    const listed = await jig(r.dir, "list", "--format", "json");
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        id: "SPEC-0001",
        status: "approved",
        title: "Login throttling",
        path: "specs/SPEC-0001-login-throttling.md",
      },
    ]);
  });

  it("approve says already approved, and approves again a spec edited after approval", async () => {
    const r = repo();
    r.git("config", "user.name", "Dana Demo");
    r.git("config", "user.email", "dana@example.com");
    r.write("specs/SPEC-0001-login-throttling.md", GOOD_SPEC);
    expect((await jig(r.dir, "approve", "SPEC-0001")).code).toBe(0);
    const again = await jig(r.dir, "approve", "SPEC-0001");
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      "SPEC-0001 is already approved (by Dana Demo <dana@example.com> at 2025-01-01T00:00:00.000Z)\n",
    );

    const path = join(r.dir, "specs/SPEC-0001-login-throttling.md");
    r.write(
      "specs/SPEC-0001-login-throttling.md",
      readFileSync(path, "utf8").replace("5 times", "3 times"),
    );
    const lint = await jig(r.dir, "lint");
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain("re-approve with `jig spec approve SPEC-0001` [JIG-S016]");
    r.git("config", "user.name", "Erin Editor");
    r.git("config", "user.email", "erin@example.com");
    expect((await jig(r.dir, "approve", "SPEC-0001")).code).toBe(0);
    const text = readFileSync(path, "utf8");
    expect(text.match(/approval:/g)).toHaveLength(1);
    expect(text).toContain('by: "Erin Editor <erin@example.com>"');
    expect((await jig(r.dir, "lint")).code).toBe(0);
  });

  it("approve refuses a spec with open clarification markers", async () => {
    const r = repo();
    r.write(
      "specs/SPEC-0001-login-throttling.md",
      `${GOOD_SPEC}\n## Clarifications\n\n- [NEEDS CLARIFICATION: how long is the lockout?]\n`,
    );
    const result = await jig(r.dir, "approve", "SPEC-0001");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("[JIG-S012]");
  });

  it("start records the active spec for the current branch", async () => {
    const r = repo();
    r.write("specs/SPEC-0001-login-throttling.md", GOOD_SPEC);
    r.commit("spec");
    r.git("switch", "-q", "-c", "feature/login");
    const result = await jig(r.dir, "start", "SPEC-0001");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("SPEC-0001 is now the active spec for branch feature/login");
    expect(JSON.parse(readFileSync(join(r.dir, ".jig/active-spec.json"), "utf8"))).toEqual({
      "feature/login": "SPEC-0001",
    });
    const missing = await jig(r.dir, "start", "SPEC-0002");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no spec SPEC-0002");
    r.git("checkout", "-q", "--detach");
    const detached = await jig(r.dir, "start", "SPEC-0001");
    expect(detached.code).toBe(2);
    expect(detached.stderr).toContain("HEAD is detached");
  });

  it("show prints the parsed structure with line numbers", async () => {
    const r = repo();
    r.write("specs/SPEC-0001-login-throttling.md", GOOD_SPEC);
    const json = await jig(r.dir, "show", "SPEC-0001", "--format", "json");
    expect(JSON.parse(json.stdout)).toMatchObject({
      id: "SPEC-0001",
      criteria: [
        { id: "AC-1", line: 15 },
        { id: "AC-2", line: 16 },
      ],
    });
    const text = await jig(r.dir, "show", "SPEC-0001");
    expect(text.stdout).toContain("line  15  AC-1: Given a user");
  });

  it("trace lists covering tests and eval scenarios, and the uncovered criteria", async () => {
    const r = repo();
    r.write("specs/SPEC-0001-login-throttling.md", GOOD_SPEC);
    r.write("test/login.test.ts", 'it("SPEC-0001/AC-1 locks the account", () => {});\n');
    const text = await jig(r.dir, "trace");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("test/login.test.ts:1  SPEC-0001/AC-1 locks the account");
    expect(text.stdout).toContain("Uncovered (1 of 2):\n  SPEC-0001/AC-2");

    r.write("evals/login.yaml", "- id: locked-login\n  covers: [SPEC-0001/AC-2]\n");
    const json = await jig(r.dir, "trace", "SPEC-0001", "--format", "json");
    expect(JSON.parse(json.stdout)).toMatchObject({ schema: "jig.trace/v1", uncovered: [] });
  });

  it("fails with a GitError outside a git repository", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jig-norepo-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const result = await jig(dir, "list");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a git repository.*git init/);
  });
});
