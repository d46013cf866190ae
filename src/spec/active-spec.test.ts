import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  readActiveSpec,
  resolveActiveSpec,
  specIdFromBranch,
  writeActiveSpec,
} from "./active-spec.js";

describe("specIdFromBranch", () => {
  it.each([
    ["spec-0007-login", "SPEC-0007"],
    ["feature/SPEC-0007-x", "SPEC-0007"],
    ["SPEC-0042", "SPEC-0042"],
    ["alice/spec-0003", "SPEC-0003"],
    ["fix_spec-0010_typo", "SPEC-0010"],
  ])("%s names %s", (branch, id) => {
    expect(specIdFromBranch(branch)).toBe(id);
  });

  it.each(["main", "myspec-0007-x", "spec-00071", "spec-7-login", "feature/login"])(
    "%s names no spec",
    (branch) => {
      expect(specIdFromBranch(branch)).toBeUndefined();
    },
  );
});

describe("resolveActiveSpec", () => {
  it("prefers JIG_SPEC, then spec start, then the branch", () => {
    const branch = "spec-0003-x";
    expect(resolveActiveSpec({ env: "spec-0001", stored: "SPEC-0002", branch })).toEqual({
      id: "SPEC-0001",
      source: "env",
    });
    expect(resolveActiveSpec({ stored: "SPEC-0002", branch })).toEqual({
      id: "SPEC-0002",
      source: "spec-start",
    });
    expect(resolveActiveSpec({ env: " ", branch })).toEqual({ id: "SPEC-0003", source: "branch" });
    expect(resolveActiveSpec({ branch: "main" })).toBeUndefined();
  });
});

describe("readActiveSpec / writeActiveSpec", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempRoot = (): string => {
    const dir = mkdtempSync(join(tmpdir(), "jig-active-"));
    dirs.push(dir);
    return dir;
  };

  it("stores one spec per branch in .jig/active-spec.json, leaving no temp files", async () => {
    const root = tempRoot();
    expect(await readActiveSpec(root, "main")).toBeUndefined();
    await writeActiveSpec(root, "main", "SPEC-0001");
    await writeActiveSpec(root, "feature/x", "SPEC-0002");
    await writeActiveSpec(root, "main", "SPEC-0003");
    expect(await readActiveSpec(root, "main")).toBe("SPEC-0003");
    expect(await readActiveSpec(root, "feature/x")).toBe("SPEC-0002");
    expect(JSON.parse(readFileSync(join(root, ".jig/active-spec.json"), "utf8"))).toEqual({
      "feature/x": "SPEC-0002",
      main: "SPEC-0003",
    });
    expect(readdirSync(join(root, ".jig"))).toEqual(["active-spec.json"]);
  });

  it("names the file and the fix when it is corrupt", async () => {
    const root = tempRoot();
    mkdirSync(join(root, ".jig"));
    writeFileSync(join(root, ".jig/active-spec.json"), "[1, 2");
    await expect(readActiveSpec(root, "main")).rejects.toThrow(/active-spec\.json.*delete it/);
  });
});
