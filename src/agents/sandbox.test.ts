import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bubblewrapArgs, writableRoots } from "./sandbox.js";

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
      network: false,
      cwd: root,
      argv: ["npm", "test"],
    });
    const joined = args.join(" ");
    expect(joined).toContain("--unshare-all");
    expect(joined).not.toContain("--share-net");
    expect(joined.indexOf(`--bind ${root} ${root}`)).toBeLessThan(
      joined.indexOf(`--ro-bind ${root}/.git`),
    );
    expect(joined).toContain(`--ro-bind ${root}/evals ${root}/evals`);
    expect(joined).not.toContain(".jig");
    expect(args.slice(-3)).toEqual(["--", "npm", "test"]);
    expect(
      bubblewrapArgs({
        repoRoot: root,
        writeGlobs: [],
        protectedPaths: [],
        network: true,
        cwd: root,
        argv: ["x"],
      }),
    ).toContain("--share-net");
  });
});
