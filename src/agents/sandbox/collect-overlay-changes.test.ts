import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyOverlayChanges } from "./apply-overlay-changes.js";
import { collectOverlayChanges, parseMergedListing } from "./collect-overlay-changes.js";

/** The listing the sandbox's shell writes: `D <folder>` then the merged view's names, NUL-separated. */
const listing = (folders: Record<string, string[]>): string =>
  Object.entries(folders)
    .map(([folder, names]) => [`D ${folder}`, ...names].map((part) => `${part}\0`).join(""))
    .join("");

describe("collectOverlayChanges and applyOverlayChanges", () => {
  let scratch: string;
  let repo: string;
  let upper: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), "jig-overlay-"));
    repo = join(scratch, "repo");
    upper = join(scratch, "upper");
    for (const dir of [repo, upper, join(repo, "dir"), join(repo, "build")]) mkdirSync(dir);
    writeFileSync(join(repo, "same.txt"), "same\n");
    writeFileSync(join(repo, "edit.txt"), "old\n");
    writeFileSync(join(repo, "gone.txt"), "x\n");
    writeFileSync(join(repo, "dir", "inner.txt"), "x\n");
    writeFileSync(join(repo, "build", "stale.js"), "x\n");
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it("reads writes, deletions, folder replacements and unchanged copies from the upper layer", () => {
    writeFileSync(join(upper, "same.txt"), "same\n"); // copied up, not changed
    writeFileSync(join(upper, "edit.txt"), "new\n");
    writeFileSync(join(upper, "dir"), "now a file\n");
    mkdirSync(join(upper, "build")); // rm -rf build && mkdir build: an opaque folder
    writeFileSync(join(upper, "build", "fresh.js"), "y\n");
    symlinkSync("edit.txt", join(upper, "link"));
    const merged = parseMergedListing(
      listing({
        ".": ["same.txt", "edit.txt", "dir", "build", "link"],
        "./build": ["fresh.js"],
      }),
    );
    const changes = collectOverlayChanges(upper, repo, merged);
    expect(changes.map((change) => `${change.kind} ${change.path}`).sort()).toEqual([
      "delete build/stale.js",
      "delete dir/inner.txt",
      "delete gone.txt",
      "rmdir dir",
      "symlink link",
      "write build/fresh.js",
      "write dir",
      "write edit.txt",
    ]);

    expect(applyOverlayChanges(repo, changes)).toEqual([]);
    expect(readFileSync(join(repo, "edit.txt"), "utf8")).toBe("new\n");
    expect(readFileSync(join(repo, "dir"), "utf8")).toBe("now a file\n");
    expect(existsSync(join(repo, "gone.txt"))).toBe(false);
    expect(existsSync(join(repo, "build", "stale.js"))).toBe(false);
    expect(readFileSync(join(repo, "link"), "utf8")).toBe("new\n");
  });

  it("refuses to write through a folder that is a symlink in the real tree", () => {
    const outside = join(scratch, "outside");
    mkdirSync(outside);
    symlinkSync(outside, join(repo, "escape"));
    writeFileSync(join(upper, "payload"), "x\n");
    const failed = applyOverlayChanges(repo, [
      { kind: "write", path: "escape/payload", source: join(upper, "payload"), mode: 0o644 },
    ]);
    expect(failed).toHaveLength(1);
    expect(existsSync(join(outside, "payload"))).toBe(false);
  });
});
