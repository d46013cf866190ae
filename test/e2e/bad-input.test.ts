import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { DRAFT_SPEC, JIG_BIN, runJig } from "./run-jig.js";

/**
 * Bad input never exits 4 (#18): each class of broken file is one line naming
 * the file (and line:col for YAML) and what to do, exit 2, no stack trace.
 * One spawn per class, in one repo whose files each case breaks and restores.
 */
describe("bad input", () => {
  let repo: TempRepo;
  const write = (path: string, text: string): void => {
    mkdirSync(join(repo.dir, path, ".."), { recursive: true });
    writeFileSync(join(repo.dir, path), text);
  };
  const jig = (...args: string[]) => runJig(args, { cwd: repo.dir });
  const expectInputError = (result: ReturnType<typeof jig>, line: string): void => {
    expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(result.stderr.split("\n")).toContain(line);
    expect(result.code).toBe(2);
  };

  beforeAll(() => {
    repo = createTempRepo();
    write("specs/SPEC-0001-cap-refunds.md", DRAFT_SPEC);
  });
  afterAll(() => repo.cleanup());

  it("reports an undefined alias in the config at the alias", () => {
    write("jig.config.yaml", "version: 1\ngate:\n  failOn: *undefined_alias\n");
    expectInputError(
      jig("failures", "list"),
      'jig.config.yaml:3:11: alias "*undefined_alias" has no anchor "&undefined_alias" before it; define the anchor above the alias or write the value out [yaml/alias]',
    );
  });

  it("reports an over-indented line at that line", () => {
    write("jig.config.yaml", "version: 1\ngate:\n  failOn: high\n    require: [spec]\n");
    expectInputError(
      jig("spec", "lint"),
      "jig.config.yaml:4:5: this line is indented deeper than the line above, which is not a key; line it up with the keys above or indent it under a key [yaml/syntax]",
    );
  });

  it("rejects a jig.config.yaml that is a dangling symlink instead of applying the defaults", () => {
    rmSync(join(repo.dir, "jig.config.yaml"), { force: true });
    symlinkSync("missing.yaml", join(repo.dir, "jig.config.yaml"));
    expectInputError(
      jig("spec", "lint"),
      "jig spec: jig.config.yaml is a symbolic link to missing.yaml, which does not exist; point it at a config file or remove it",
    );
    rmSync(join(repo.dir, "jig.config.yaml"), { force: true });
  });

  it("reports an alias bomb in a spec's frontmatter at the alias", () => {
    const bomb = [
      "bomb: &a0 [x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 9 },
        (_, index) => `b${index + 1}: &a${index + 1} [${Array(9).fill(`*a${index}`).join(", ")}]`,
      ),
    ].join("\n");
    write("specs/SPEC-0002-bomb.md", `---\n${bomb}\n---\n# Bomb\n`);
    const result = jig("spec", "lint");
    // spec lint prints its problems as its report, on stdout.
    expect(result.stdout.split("\n")).toContain(
      'specs/SPEC-0002-bomb.md:5:10: frontmatter: aliases expand to more than 100 values at "*a2" (the limit on input files); write the values out or use fewer aliases [JIG-S002]',
    );
    expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(result.code).toBe(2);
    rmSync(join(repo.dir, "specs/SPEC-0002-bomb.md"));
  });

  it("reports every broken suite at its line in one run, within seconds", () => {
    // One eval run over four suites: every file's problems are reported at once.
    write(
      "evals/enum.yaml",
      "suite: enum\ntarget:\n  command: [echo, hi]\nscenarios:\n  - id: one\n    input: x\n    assert:\n      - type: no-such-assertion\n",
    );
    write(
      "evals/circular.yaml",
      "suite: circular\ntarget:\n  command: [echo, hi]\nscenarios:\n  - id: one\n    input: &x {k: *x}\n",
    );
    write(
      "evals/schema.yaml",
      "suite: schema\ntarget:\n  command: [echo, hi]\nscenarios:\n  - id: two\n    input: x\n    assert:\n      - type: json-schema\n        value: { required: refund }\n",
    );
    // 30 KB that once aborted Node with "RegExpCompiler Allocation failed" (exit 134).
    write("evals/deep.yaml", `${"- ".repeat(15_000)}x\n`);
    const started = Date.now();
    const result = jig("eval", "run");
    expect(Date.now() - started).toBeLessThan(10_000);
    for (const line of [
      'evals/enum.yaml:8:15: unknown assertion type "no-such-assertion"; expected one of equals, contains, not-contains, regex, json-schema, json-path, javascript, exit-code, status, latency-ms, llm-judge [eval/invalid]',
      'evals/circular.yaml:6:19: alias "*x" is inside the value anchored as "&x", so the value would contain itself; write the value out [yaml/circular]',
      "evals/schema.yaml:9:16: invalid JSON Schema (schema is invalid: data/required must be array); fix the schema in `value` [eval/assertion]",
      "evals/deep.yaml:1:129: nesting is deeper than 64 levels (the limit on input files); flatten this value [yaml/too-deep]",
    ])
      expectInputError(result, line);
    rmSync(join(repo.dir, "evals"), { recursive: true });
  });

  it("turns file-system errors into one line naming the path", () => {
    mkdirSync(join(repo.dir, "failure-models"));
    symlinkSync("loop.yaml", join(repo.dir, "failure-models/loop.yaml"));
    expectInputError(
      jig("failures", "list"),
      "jig failures: failure-models/loop.yaml: is a symbolic link loop; point the link at a real file or directory, or remove it (ELOOP)",
    );
    mkdirSync(join(repo.dir, "agents/bot.yaml"), { recursive: true });
    expectInputError(
      jig("policy", "lint"),
      "jig policy: agents/bot.yaml: is a directory where a file was expected; replace it with a file or remove it (EISDIR)",
    );
    mkdirSync(join(repo.dir, "answers.yaml"));
    expectInputError(
      jig("spec", "new", "--answers", "answers.yaml"),
      "jig spec: answers file answers.yaml: is a directory where a file was expected; replace it with a file or remove it (EISDIR)",
    );
    writeFileSync(join(repo.dir, "evals"), "a file\n");
    expectInputError(
      jig("eval", "run"),
      "jig eval: evals: is a file where a directory was expected (or a part of its path is); make it a directory or remove it (ENOTDIR)",
    );
  });

  // Root reads everything, so EACCES needs an unprivileged user; skipped where
  // none can be switched to, or where that user cannot reach the built binary
  // (a checkout inside a 0700 directory, such as one made by mktemp -d).
  const asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups"];
  const canDropPrivileges =
    process.getuid?.() === 0 &&
    spawnSync("setpriv", [...asNobody, "test", "-r", JIG_BIN]).status === 0;
  it.skipIf(!canDropPrivileges)("reports an unreadable specs/ as EACCES, exit 2", () => {
    // mkdtemp makes the repo 0700; the other user must reach specs/ to be refused by it.
    chmodSync(repo.dir, 0o755);
    chmodSync(join(repo.dir, "specs"), 0o000);
    try {
      const result = spawnSync(
        "setpriv",
        [
          "--reuid=65534",
          "--regid=65534",
          "--clear-groups",
          process.execPath,
          JIG_BIN,
          "spec",
          "lint",
        ],
        {
          cwd: repo.dir,
          encoding: "utf8",
          env: {
            ...process.env,
            NO_COLOR: "1",
            JIG_DEBUG: "",
            GIT_CONFIG_COUNT: "1",
            GIT_CONFIG_KEY_0: "safe.directory",
            GIT_CONFIG_VALUE_0: "*",
          },
        },
      );
      expect(result.stderr).toBe(
        "jig spec: specs: permission denied; make it readable by this user (chmod, chown) or move it out of the way (EACCES)\n",
      );
      expect(result.status).toBe(2);
    } finally {
      chmodSync(join(repo.dir, "specs"), 0o755);
    }
  });
});
