import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { JIG_BIN, runJig } from "./run-jig.js";

const version = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

describe("jig CLI basics", () => {
  it("prints its version", () => {
    const result = runJig(["--version"], { cwd: tmpdir() });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("lists every command with a one-line description", () => {
    const result = runJig(["--help"], { cwd: tmpdir() });
    expect(result.code).toBe(0);
    for (const command of ["init", "check", "spec", "failures", "runs", "demo"]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\s+\\S`, "m"));
    }
  });

  it("shows a command's flags with an example", () => {
    const result = runJig(["check", "--help"], { cwd: tmpdir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--base <rev>");
    expect(result.stdout).toContain("--format <format>");
    expect(result.stdout).toContain("Examples:");
  });

  it("rejects an unknown command and an unknown flag with exit 2 and one line", () => {
    const unknownCommand = runJig(["frobnicate"], { cwd: tmpdir() });
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr.trim()).toBe(
      "jig: unknown command 'frobnicate'. Run 'jig --help' to see the commands.",
    );

    const typo = runJig(["chek"], { cwd: tmpdir() });
    expect(typo.code).toBe(2);
    expect(typo.stderr.trim()).toBe(
      "jig: unknown command 'chek'. Did you mean 'check'? Run 'jig --help' to see the commands.",
    );

    const unknownFlag = runJig(["check", "--bogus"], { cwd: tmpdir() });
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr.trim()).toBe("jig check: unknown option '--bogus'");
  });

  it("stops quietly when the reader closes the pipe early", () => {
    const result = spawnSync(
      "sh",
      ["-c", `"${process.execPath}" "${JIG_BIN}" failures list | head -n 1`],
      {
        cwd: process.cwd(),
        encoding: "utf8",
      },
    );
    expect(result.stdout.split("\n")[0]).toMatch(/^FM-/);
    expect(result.stderr).toBe("");
  });

  it("says clearly when run outside a git repository", () => {
    const dir = mkdtempSync(join(tmpdir(), "jig-nogit-"));
    try {
      const result = runJig(["check"], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/not a git repository/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names a bad git ref in one line, and shows a stack only with JIG_DEBUG=1", () => {
    repo = createTempRepo();
    repo.write("a.txt", "a\n");
    repo.commit("init");
    const result = runJig(["check", "--base", "no-such-branch"], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no-such-branch");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);

    const debug = runJig(["check", "--base", "no-such-branch"], {
      cwd: repo.dir,
      env: { JIG_DEBUG: "1" },
    });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it("reports every problem of an invalid config with file:line:col, then exits 2", () => {
    repo = createTempRepo();
    repo.write("jig.config.yaml", "gate:\n  failOn: severe\n  requre: [spec]\n");
    repo.commit("init");
    const result = runJig(["check"], { cwd: repo.dir });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^jig\.config\.yaml:2:11: .*failOn/);
    expect(lines[1]).toMatch(/^jig\.config\.yaml:3:3: unknown key "gate\.requre"/);
  });

  it("rejects a bad model id in the config with its position, and a bad cassette mode, with exit 2", () => {
    repo = createTempRepo();
    repo.write("jig.config.yaml", "models:\n  reviewer: gpt4\n");
    repo.commit("init");
    const badId = runJig(["check"], { cwd: repo.dir });
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/^jig\.config\.yaml:2:13: .*provider:model/);

    repo.write("jig.config.yaml", "version: 1\n");
    repo.commit("fix");
    const badMode = runJig(["check"], { cwd: repo.dir, env: { JIG_CASSETTE_MODE: "bogus" } });
    expect(badMode.code).toBe(2);
    expect(badMode.stderr.trim()).toBe(
      'jig check: JIG_CASSETTE_MODE must be record or replay, got "bogus"',
    );
  });

  it("reports a YAML syntax error in the config with its position", () => {
    repo = createTempRepo();
    repo.write("jig.config.yaml", "gate:\n  failOn: [high\n");
    repo.commit("init");
    const result = runJig(["check"], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^jig\.config\.yaml:\d+:\d+: /);
  });
});

describe("messages name the command once", () => {
  it("jig loop without a coder says what to do, with one prefix", () => {
    repo = createTempRepo();
    repo.write("README.md", "# a project\n");
    repo.commit("init");
    const result = runJig(["loop"], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'jig loop: no coder to run: pass --coder "<command>" or set loop.coder in jig.config.yaml',
    );
  });
});

describe("jig eval run with nothing to run", () => {
  it("exits 2 and says where it looked when there are no suites", () => {
    repo = createTempRepo();
    repo.write("README.md", "# a project\n");
    repo.commit("init");
    const result = runJig(["eval", "run"], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      "jig eval: no eval suites in evals/: add <suite>.yaml files there (see docs/evals.md), or point evals.dir in jig.config.yaml at them",
    );
  });
});

describe("jig's own state", () => {
  it("is never part of a change: .jig/ ignores itself in a repository that never ran jig init", () => {
    repo = createTempRepo();
    repo.write("README.md", "# a project\n");
    repo.commit("init");
    repo.write("src/a.js", "export const a = 1;\n");
    const first = runJig(["check", "--format", "json"], { cwd: repo.dir });
    expect(first.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(repo.dir, ".jig", ".gitignore"), "utf8")).toMatch(/^\*$/m);
    const second = JSON.parse(runJig(["check", "--format", "json"], { cwd: repo.dir }).stdout) as {
      change: { paths: string[] };
      findings: Array<{ file?: string }>;
    };
    expect(second.change.paths).toEqual(["src/a.js"]);
    expect(second.findings.filter((f) => f.file?.startsWith(".jig/"))).toEqual([]);
  });
});

describe("jig init", () => {
  it("writes a commented config with a schema line, specs/ and an ignored .jig/", () => {
    repo = createTempRepo();
    repo.write(".gitignore", "node_modules/");
    const result = runJig(["init"], { cwd: repo.dir });
    expect(result.code).toBe(0);
    const config = readFileSync(join(repo.dir, "jig.config.yaml"), "utf8");
    // Relative to the config and into the installed package: the line still
    // resolves on a teammate's clone, unlike a path into this jig's checkout.
    expect(config.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=./node_modules/jig/schema/jig.config.schema.json",
    );
    expect(readFileSync(join(repo.dir, ".gitignore"), "utf8")).toBe("node_modules/\n.jig/\n");

    // A recommended CODEOWNERS for the governance paths, with an owner to replace.
    expect(result.stdout).toContain("wrote .github/CODEOWNERS");
    const codeowners = readFileSync(join(repo.dir, ".github/CODEOWNERS"), "utf8");
    for (const path of [
      "/jig.config.yaml",
      "/agents/",
      "/specs/",
      "/evals/",
      "/.claude/settings.json",
    ]) {
      expect(codeowners).toContain(`\n${path} @your-org/jig-governance\n`);
    }

    const again = runJig(["init"], { cwd: repo.dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("kept jig.config.yaml");
    expect(again.stdout).toContain("kept .github/CODEOWNERS");
    expect(readFileSync(join(repo.dir, ".github/CODEOWNERS"), "utf8")).toBe(codeowners);
    expect(readFileSync(join(repo.dir, ".gitignore"), "utf8")).toBe("node_modules/\n.jig/\n");
    // The config jig init writes is one jig check accepts.
    expect(runJig(["check"], { cwd: repo.dir }).code).not.toBe(2);
  });
});
