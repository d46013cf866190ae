import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveStorePath } from "./resolve-store-path.js";
import { writeFileAtomic, writeFileAtomicSync } from "./write-file-atomic.js";

const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "jig-atomic-"));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("creates missing folders, replaces the file and leaves no temp file", async () => {
    const folder = tempFolder();
    const target = join(folder, "a", "b", "file.json");
    await writeFileAtomic(target, "one");
    writeFileAtomicSync(target, "two");
    expect(readFileSync(target, "utf8")).toBe("two");
    await writeFileAtomic(target, "three");
    expect(readFileSync(target, "utf8")).toBe("three");
    expect(readdirSync(join(folder, "a", "b"))).toEqual(["file.json"]);
  });

  it("keeps the old content and cleans up when the rename fails", async () => {
    const folder = tempFolder();
    const target = join(folder, "dir-in-the-way");
    // A non-empty folder at the target path makes rename fail.
    await writeFileAtomic(join(target, "inner"), "x");
    await expect(writeFileAtomic(target, "new")).rejects.toThrow();
    expect(() => writeFileAtomicSync(target, "new")).toThrow();
    expect(readdirSync(folder)).toEqual(["dir-in-the-way"]);
    writeFileSync(join(folder, "ok"), "old");
    expect(readFileSync(join(folder, "ok"), "utf8")).toBe("old");
  });
});

describe("resolveStorePath", () => {
  it("keeps absolute paths and resolves relative ones against the repository root", () => {
    expect(resolveStorePath("/repo", "/var/jig.db")).toBe("/var/jig.db");
    expect(resolveStorePath("/repo", ".jig/jig.db")).toBe("/repo/.jig/jig.db");
    expect(resolveStorePath("/repo", "../shared/jig.db")).toBe("/shared/jig.db");
  });
});
