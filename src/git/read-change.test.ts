import { chmodSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { addedFileFromText, readChange, UNTRACKED_MAX_BYTES } from "./read-change.js";
import { EMPTY_TREE_SHA, resolveRange } from "./resolve-range.js";

const repos: TempRepo[] = [];
function repo(): TempRepo {
  const created = createTempRepo("jig-git-change-");
  repos.push(created);
  return created;
}
afterEach(() => {
  for (const created of repos.splice(0)) created.cleanup();
});

/** A repo with one commit on main and a `feature` branch checked out. */
function repoWithFeatureBranch(): TempRepo {
  const r = repo();
  r.write("src/app.ts", "line 1\nline 2\nline 3\n");
  r.write("README.md", "# demo\n");
  r.commit("initial");
  r.git("checkout", "-q", "-b", "feature");
  return r;
}

describe("readChange", () => {
  it("reads a committed range: files, numbered hunks and commits with trailers", async () => {
    const r = repoWithFeatureBranch();
    r.write("src/app.ts", "line 1\nline two\nline 3\nline 4\n");
    r.commit("Change line two\n\nWhy it changed.\n\nSpec: SPEC-0007\nAgent: coder");
    r.write("src/new.ts", "export const x = 1;\n");
    r.commit("Add new module\n\nSpec: SPEC-0007");

    const range = await resolveRange({ cwd: r.dir, head: "HEAD" });
    expect(range.workingTree).toBe(false);
    const change = await readChange(range, r.dir);

    expect(change.base).toBe(r.git("rev-parse", "main"));
    expect(change.head).toBe(r.git("rev-parse", "HEAD"));
    expect(change.files.map((file) => [file.path, file.status])).toEqual([
      ["src/app.ts", "modified"],
      ["src/new.ts", "added"],
    ]);
    const app = change.files[0];
    expect(app).toMatchObject({ additions: 2, deletions: 1, binary: false });
    expect(app?.hunks[0]?.lines).toEqual([
      { kind: "context", oldLine: 1, newLine: 1, text: "line 1" },
      { kind: "del", oldLine: 2, text: "line 2" },
      { kind: "add", newLine: 2, text: "line two" },
      { kind: "context", oldLine: 3, newLine: 3, text: "line 3" },
      { kind: "add", newLine: 4, text: "line 4" },
    ]);

    expect(change.commits.map((commit) => commit.subject)).toEqual([
      "Change line two",
      "Add new module",
    ]);
    expect(change.commits[0]).toMatchObject({
      author: "Test <test@example.com>",
      trailers: [
        { key: "Spec", value: "SPEC-0007" },
        { key: "Agent", value: "coder" },
      ],
    });
    expect(change.commits[0]?.body).toContain("Why it changed.");
    expect(change.commits[1]?.trailers).toEqual([{ key: "Spec", value: "SPEC-0007" }]);
    expect(change.commits[0]?.sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it("includes staged, unstaged and untracked changes when --head is not given, but not ignored files", async () => {
    const r = repoWithFeatureBranch();
    r.write(".gitignore", "*.log\n");
    r.commit("ignore logs");
    r.write("src/app.ts", "line 1\nline 2 edited\nline 3\n"); // unstaged
    r.write("src/staged.ts", "staged\n");
    r.git("add", "src/staged.ts");
    r.write("notes/untracked file.md", "first\r\nsecond\n");
    r.write("debug.log", "ignored\n");

    const range = await resolveRange({ cwd: r.dir });
    expect(range.workingTree).toBe(true);
    expect(range.description).toContain("+ uncommitted changes");
    const change = await readChange(range, join(r.dir, "src"));

    expect(change.files.map((file) => [file.path, file.status])).toEqual([
      [".gitignore", "added"],
      ["notes/untracked file.md", "added"],
      ["src/app.ts", "modified"],
      ["src/staged.ts", "added"],
    ]);
    expect(change.files[1]?.hunks).toEqual([
      {
        oldStart: 0,
        oldLines: 0,
        newStart: 1,
        newLines: 2,
        header: "",
        lines: [
          { kind: "add", newLine: 1, text: "first" },
          { kind: "add", newLine: 2, text: "second" },
        ],
      },
    ]);
    expect(change.commits.map((commit) => commit.subject)).toEqual(["ignore logs"]);
  });

  it("leaves uncommitted work out when --head is given", async () => {
    const r = repoWithFeatureBranch();
    r.write("src/committed.ts", "c\n");
    r.commit("committed");
    r.write("src/untracked.ts", "u\n");
    const change = await readChange(await resolveRange({ cwd: r.dir, head: "feature" }), r.dir);
    expect(change.files.map((file) => file.path)).toEqual(["src/committed.ts"]);
  });

  it("reports renames and deletions", async () => {
    const r = repoWithFeatureBranch();
    r.write(
      "lib/long.ts",
      `${Array.from({ length: 20 }, (_, index) => `line ${index}`).join("\n")}\n`,
    );
    r.commit("add long");
    const base = r.git("rev-parse", "HEAD");
    r.git("mv", "lib/long.ts", "src/moved long.ts");
    r.git("rm", "-q", "README.md");
    r.commit("move and delete");

    const change = await readChange(await resolveRange({ cwd: r.dir, base, head: "HEAD" }), r.dir);
    expect(change.files).toEqual([
      {
        path: "README.md",
        status: "deleted",
        binary: false,
        additions: 0,
        deletions: 1,
        hunks: [expect.anything()],
      },
      {
        path: "src/moved long.ts",
        oldPath: "lib/long.ts",
        status: "renamed",
        binary: false,
        additions: 0,
        deletions: 0,
        hunks: [],
      },
    ]);
  });

  it("flags binary files, committed and untracked, without hunks", async () => {
    const r = repoWithFeatureBranch();
    writeFileSync(join(r.dir, "image.bin"), Buffer.from([0, 1, 2, 3, 0, 255]));
    r.commit("add binary");
    writeFileSync(join(r.dir, "untracked.bin"), Buffer.from([137, 80, 0, 71]));
    r.write("huge.txt", "x".repeat(UNTRACKED_MAX_BYTES + 1));

    const change = await readChange(await resolveRange({ cwd: r.dir }), r.dir);
    expect(
      change.files.map((file) => [file.path, file.status, file.binary, file.hunks.length]),
    ).toEqual([
      ["huge.txt", "added", true, 0],
      ["image.bin", "added", true, 0],
      ["untracked.bin", "added", true, 0],
    ]);
  });

  it("keeps unicode and space file names intact, committed and untracked", async () => {
    const r = repoWithFeatureBranch();
    r.write("docs/café notes.md", "é\n");
    r.write('src/quote "q".ts', "q\n");
    r.commit("odd names");
    r.write("naïve file.txt", "n\n");
    r.git("mv", "docs/café notes.md", "docs/crème brûlée.md");

    const change = await readChange(await resolveRange({ cwd: r.dir }), r.dir);
    expect(change.files.map((file) => [file.path, file.status])).toEqual([
      ["docs/crème brûlée.md", "added"],
      ["naïve file.txt", "added"],
      ['src/quote "q".ts', "added"],
    ]);
    expect(change.files[0]?.hunks[0]?.lines[0]).toEqual({ kind: "add", newLine: 1, text: "é" });
  });

  it("reads a working-tree mode change and an untracked symlink", async () => {
    const r = repoWithFeatureBranch();
    r.write("run.sh", "echo hi\n");
    r.commit("script");
    chmodSync(join(r.dir, "run.sh"), 0o755);
    symlinkSync("src/app.ts", join(r.dir, "link-to-app"));

    const range = await resolveRange({ cwd: r.dir, base: "HEAD" });
    expect(range.workingTree).toBe(true);
    const change = await readChange(range, r.dir);
    expect(change.files).toEqual([
      {
        path: "link-to-app",
        status: "added",
        binary: false,
        additions: 1,
        deletions: 0,
        hunks: [
          expect.objectContaining({ lines: [{ kind: "add", newLine: 1, text: "src/app.ts" }] }),
        ],
      },
      { path: "run.sh", status: "modified", binary: false, additions: 0, deletions: 0, hunks: [] },
    ]);
  });

  it("treats every file as added in a repository with no commits", async () => {
    const r = repo();
    r.write("a.txt", "a\n");
    r.write("b/c.txt", "c\nd\n");
    r.git("add", "a.txt");

    const range = await resolveRange({ cwd: r.dir });
    expect(range).toMatchObject({ base: EMPTY_TREE_SHA, head: EMPTY_TREE_SHA, workingTree: true });
    expect(range.description).toContain("no commits yet");
    const change = await readChange(range, r.dir);
    expect(change.commits).toEqual([]);
    expect(change.files.map((file) => [file.path, file.status, file.additions])).toEqual([
      ["a.txt", "added", 1],
      ["b/c.txt", "added", 2],
    ]);
  });

  it("reads only the uncommitted changes when HEAD is the default branch", async () => {
    const r = repo();
    r.write("a.txt", "a\n");
    r.commit("initial");
    r.write("a.txt", "a\nb\n");

    const range = await resolveRange({ cwd: r.dir });
    expect(range.base).toBe(range.head);
    expect(range.description).toMatch(/HEAD is on main .*only the uncommitted changes/);
    const change = await readChange(range, r.dir);
    expect(change.commits).toEqual([]);
    expect(change.files.map((file) => [file.path, file.additions])).toEqual([["a.txt", 1]]);
  });

  it("lists all history as commits when the base is the empty tree", async () => {
    const r = repo();
    r.write("a.txt", "a\n");
    r.commit("first");
    r.write("b.txt", "b\n");
    r.commit("second");
    const change = await readChange(
      await resolveRange({ cwd: r.dir, base: EMPTY_TREE_SHA, head: "HEAD" }),
      r.dir,
    );
    expect(change.commits.map((commit) => commit.subject)).toEqual(["first", "second"]);
    expect(change.files.map((file) => file.status)).toEqual(["added", "added"]);
  });
});

describe("readChange with onFiles (streaming)", () => {
  it("hands over every file in batches while git writes, equal to the whole parse", async () => {
    const r = repoWithFeatureBranch();
    const body = (n: number, version: string) =>
      Array.from(
        { length: 60 },
        (_, line) => `export const v${n}_${line} = "${version}-${line}";`,
      ).join("\n");
    for (let n = 0; n < 300; n++) r.write(`src/many/file-${n}.ts`, `${body(n, "old")}\n`);
    r.commit("base files");
    for (let n = 0; n < 300; n++) r.write(`src/many/file-${n}.ts`, `${body(n, "new")}\n`);
    r.write("src/untracked.ts", "export const u = 1;\n");
    const range = await resolveRange({ cwd: r.dir, base: "HEAD" });
    expect(range.workingTree).toBe(true);

    const batches: string[][] = [];
    const streamed = await readChange(range, r.dir, {
      onFiles: (files) => {
        batches.push(files.map((file) => file.path));
      },
    });
    const whole = await readChange(range, r.dir);

    // More than one batch: the diff (~1 MB) was cut at file boundaries as it arrived.
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat().sort()).toEqual(whole.files.map((file) => file.path).sort());
    expect(streamed).toEqual(whole);
    // The untracked file comes last, after all of git's output.
    expect(batches.at(-1)).toEqual(["src/untracked.ts"]);

    // A slow consumer gets one batch at a time; without hunks kept, the result lists the files only.
    let active = 0;
    let most = 0;
    let lines = 0;
    const slow = await readChange(range, r.dir, {
      keepHunks: false,
      onFiles: async (files) => {
        active++;
        most = Math.max(most, active);
        for (const file of files) for (const hunk of file.hunks) lines += hunk.lines.length;
        await new Promise((resolve) => setTimeout(resolve, 5));
        active--;
      },
    });
    expect(most).toBe(1);
    expect(lines).toBe(
      whole.files.reduce(
        (sum, file) => sum + file.hunks.reduce((count, hunk) => count + hunk.lines.length, 0),
        0,
      ),
    );
    expect(slow.files.map((file) => file.path)).toEqual(whole.files.map((file) => file.path));
    expect(slow.files.every((file) => file.hunks.length === 0)).toBe(true);
    expect(slow.files.map((file) => file.additions)).toEqual(
      whole.files.map((file) => file.additions),
    );
  });

  it("rejects with the consumer's error, after git is done", async () => {
    const r = repoWithFeatureBranch();
    r.write("src/app.ts", "line 1\nchanged\n");
    r.commit("change");
    const range = await resolveRange({ cwd: r.dir, base: "main", head: "feature" });
    await expect(
      readChange(range, r.dir, {
        onFiles: async () => {
          throw new Error("detector broke");
        },
      }),
    ).rejects.toThrow("detector broke");
  });
});

describe("addedFileFromText", () => {
  it("numbers every line, with or without a final newline", () => {
    expect(addedFileFromText("x", "a\nb").hunks[0]?.lines).toEqual([
      { kind: "add", newLine: 1, text: "a" },
      { kind: "add", newLine: 2, text: "b" },
    ]);
    expect(addedFileFromText("x", "")).toMatchObject({ additions: 0, hunks: [] });
  });
});
