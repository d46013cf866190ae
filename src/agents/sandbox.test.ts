import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sandboxEnvironment } from "./sandbox/sandbox-environment.js";
import { unreadableEntries } from "./sandbox/unreadable-entries.js";
import { bubblewrapArgs, protectedPlaceholders, protectedRoots, writableRoots } from "./sandbox.js";

describe("sandbox plan", () => {
  let root: string;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), "jig-sandbox-")));
    for (const dir of ["src", "tests/unit", ".git", "evals"])
      mkdirSync(join(root, dir), { recursive: true });
    symlinkSync("/etc", join(root, "etc-link"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("binds each write glob's literal directory, never a symlink out of the repo", () => {
    expect(
      writableRoots(root, ["src/**", "tests/unit/*.ts", "missing/**", "etc-link/**", "/abs/**"]),
    ).toEqual([join(root, "src"), join(root, "tests/unit")]);
    expect(writableRoots(root, ["**"])).toEqual([root]);
  });

  it("re-binds protected paths read-only after the writable ones and drops the network", () => {
    const args = bubblewrapArgs({
      repoRoot: root,
      writeGlobs: ["**"],
      protectedPaths: [".git", "evals", ".jig"],
      hiddenPaths: [],
      network: false,
      environment: { HOME: "/tmp/home" },
      cwd: root,
      argv: ["npm", "test"],
    });
    const joined = args.join(" ");
    expect(joined).toContain("--unshare-all --unshare-user --cap-drop ALL --disable-userns");
    expect(joined).not.toContain("--share-net");
    expect(joined).toContain("--seccomp 3");
    expect(joined).toContain("--clearenv --setenv HOME /tmp/home");
    expect(joined.indexOf(`--bind ${root} ${root}`)).toBeLessThan(
      joined.indexOf(`--ro-bind ${root}/.git`),
    );
    expect(joined).toContain(`--ro-bind ${root}/evals ${root}/evals`);
    // Absent but under a writable root: an empty read-only placeholder.
    expect(joined).toContain(`--tmpfs ${root}/.jig --remount-ro ${root}/.jig`);
    expect(args.slice(-3)).toEqual(["--", "npm", "test"]);
    expect(
      bubblewrapArgs({
        repoRoot: root,
        writeGlobs: [],
        protectedPaths: [],
        hiddenPaths: [],
        network: true,
        environment: { HOME: "/tmp/home" },
        cwd: root,
        argv: ["x"],
      }),
    ).not.toContain("--seccomp");
  });

  it("puts read-only placeholders only where a writable root could create a protected path", () => {
    const plan = {
      repoRoot: root,
      protectedPaths: [".claude", ".claude/settings.json", ".git", ".mcp.json", "src/.git"],
    };
    expect(protectedPlaceholders(plan, [root])).toEqual([
      { path: ".claude", kind: "folder" },
      { path: ".git", kind: "bind" },
      { path: ".mcp.json", kind: "file" },
      { path: "src/.git", kind: "folder" },
    ]);
    expect(protectedPlaceholders(plan, [join(root, "src")])).toEqual([
      { path: ".git", kind: "bind" },
      { path: "src/.git", kind: "folder" },
    ]);
  });

  it("hides the top-level entries no read or write glob reaches, and .jig always", () => {
    mkdirSync(join(root, ".jig"));
    expect(unreadableEntries(root, ["src/**", "tests/unit/*.ts"])).toEqual([
      ".git",
      ".jig",
      "etc-link",
      "evals",
    ]);
    expect(unreadableEntries(root, ["**/*.ts"])).toEqual([".jig"]);
  });

  it("passes only PATH, LANG, LC_ALL, TERM and the listed names, with HOME on scratch", () => {
    const env = {
      PATH: "/bin",
      HOME: "/root",
      GITHUB_TOKEN: "t",
      NPM_TOKEN: "n",
      LANG: "C",
      toString: undefined,
    };
    expect(sandboxEnvironment(env, ["NPM_TOKEN", "MISSING"])).toEqual({
      PATH: "/bin",
      LANG: "C",
      NPM_TOKEN: "n",
      HOME: "/tmp/home",
    });
  });

  it("hides the holdout suites behind an empty read-only folder, after every bind", () => {
    writeFileSync(join(root, "evals", "suite.yaml"), "x\n");
    writeFileSync(join(root, "seal.json"), "{}\n");
    const args = bubblewrapArgs({
      repoRoot: root,
      writeGlobs: ["**"],
      protectedPaths: ["evals"],
      hiddenPaths: [join(root, "evals"), join(root, "seal.json"), join(root, "missing")],
      network: false,
      environment: { HOME: "/tmp/home" },
      cwd: root,
      argv: ["cat", "evals/suite.yaml"],
    });
    const joined = args.join(" ");
    const hide = `--tmpfs ${root}/evals --remount-ro ${root}/evals`;
    expect(joined).toContain(hide);
    expect(joined.indexOf(hide)).toBeGreaterThan(joined.indexOf(`--ro-bind ${root}/evals`));
    expect(joined).toContain(`--ro-bind /dev/null ${root}/seal.json`);
    expect(joined).not.toContain("missing");
  });

  it("keeps each protected glob's literal folder or file, and expands leading wildcards", () => {
    mkdirSync(join(root, ".github", "workflows"), { recursive: true });
    mkdirSync(join(root, "src", "team"), { recursive: true });
    writeFileSync(join(root, "src", "team", "OWNERS"), "x\n");
    expect(
      protectedRoots(root, [
        "jig.config.yaml",
        "agents/**",
        ".github/workflows/*.yml",
        "**/OWNERS",
        "../outside/**",
      ]),
    ).toEqual([".github/workflows", "agents", "jig.config.yaml", "src/team/OWNERS"]);
  });
});
