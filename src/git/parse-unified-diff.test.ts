import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "./parse-unified-diff.js";

const lines = (...items: string[]): string => `${items.join("\n")}\n`;

describe("parseUnifiedDiff", () => {
  it("numbers added, removed and context lines of a modified file", () => {
    const files = parseUnifiedDiff(
      lines(
        "diff --git a/src/app.ts b/src/app.ts",
        "index 587be6b..aee5fdc 100644",
        "--- a/src/app.ts",
        "+++ b/src/app.ts",
        "@@ -10,4 +10,4 @@ export function main() {",
        " const a = 1;",
        "-const b = 2;",
        "+const b = 3;",
        " const c = 4;",
        "",
        "@@ -30 +30,2 @@",
        " tail",
        "+added at end",
      ),
    );
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(file).toMatchObject({
      path: "src/app.ts",
      status: "modified",
      binary: false,
      additions: 2,
      deletions: 1,
    });
    expect(file?.oldPath).toBeUndefined();
    expect(file?.hunks[0]).toEqual({
      oldStart: 10,
      oldLines: 4,
      newStart: 10,
      newLines: 4,
      header: "export function main() {",
      lines: [
        { kind: "context", oldLine: 10, newLine: 10, text: "const a = 1;" },
        { kind: "del", oldLine: 11, text: "const b = 2;" },
        { kind: "add", newLine: 11, text: "const b = 3;" },
        { kind: "context", oldLine: 12, newLine: 12, text: "const c = 4;" },
        // An empty context line whose lone space an editor stripped.
        { kind: "context", oldLine: 13, newLine: 13, text: "" },
      ],
    });
    expect(file?.hunks[1]).toMatchObject({ oldStart: 30, oldLines: 1, newStart: 30, newLines: 2 });
    expect(file?.hunks[1]?.lines.at(-1)).toEqual({
      kind: "add",
      newLine: 31,
      text: "added at end",
    });
  });

  it("reads new, deleted, mode-only, empty and binary files from git's extended headers", () => {
    const files = parseUnifiedDiff(
      lines(
        "diff --git a/bin.dat b/bin.dat",
        "new file mode 100644",
        "index 0000000..bdc955b",
        "Binary files /dev/null and b/bin.dat differ",
        "diff --git a/café.ts b/café.ts",
        "old mode 100644",
        "new mode 100755",
        "diff --git a/empty.txt b/empty.txt",
        "new file mode 100644",
        "index 0000000..e69de29",
        "diff --git a/new.txt b/new.txt",
        "new file mode 100644",
        "index 0000000..4da4882",
        "--- /dev/null",
        "+++ b/new.txt",
        "@@ -0,0 +1,2 @@",
        "+a",
        "+b",
        "diff --git a/old.txt b/old.txt",
        "deleted file mode 100644",
        "index 422c2b7..0000000",
        "--- a/old.txt",
        "+++ /dev/null",
        "@@ -1,2 +0,0 @@",
        "-a",
        "-b",
      ),
    );
    expect(files.map((file) => [file.path, file.status, file.binary, file.hunks.length])).toEqual([
      ["bin.dat", "added", true, 0],
      ["café.ts", "modified", false, 0],
      ["empty.txt", "added", false, 0],
      ["new.txt", "added", false, 1],
      ["old.txt", "deleted", false, 1],
    ]);
    expect(files[3]?.hunks[0]?.lines).toEqual([
      { kind: "add", newLine: 1, text: "a" },
      { kind: "add", newLine: 2, text: "b" },
    ]);
    expect(files[4]).toMatchObject({ additions: 0, deletions: 2 });
    expect(files[4]?.hunks[0]?.lines[1]).toEqual({ kind: "del", oldLine: 2, text: "b" });
  });

  it("reads renames, including quoted names with octal escapes and tabs", () => {
    const files = parseUnifiedDiff(
      lines(
        'diff --git "a/tab\\there" "b/\\303\\274n\\303\\257 \\"q\\".txt"',
        "similarity index 100%",
        'rename from "tab\\there"',
        'rename to "\\303\\274n\\303\\257 \\"q\\".txt"',
        "diff --git a/lib/old name.ts b/src/new name.ts",
        "similarity index 90%",
        "rename from lib/old name.ts",
        "rename to src/new name.ts",
        "index 1111111..2222222 100644",
        "--- a/lib/old name.ts\t",
        "+++ b/src/new name.ts\t",
        "@@ -1,2 +1,2 @@",
        " keep",
        "-old",
        "+new",
      ),
    );
    expect(files[0]).toMatchObject({
      path: 'ünï "q".txt',
      oldPath: "tab\there",
      status: "renamed",
      hunks: [],
    });
    expect(files[1]).toMatchObject({
      path: "src/new name.ts",
      oldPath: "lib/old name.ts",
      status: "renamed",
      additions: 1,
      deletions: 1,
    });
  });

  it("takes names with spaces from the ---/+++ lines, without git's trailing tab", () => {
    const files = parseUnifiedDiff(
      lines(
        "diff --git a/sp ace b/x.txt b/sp ace b/x.txt",
        "index 587be6b..aee5fdc 100644",
        "--- a/sp ace b/x.txt\t",
        "+++ b/sp ace b/x.txt\t",
        "@@ -1 +1,2 @@",
        " x",
        "+more",
      ),
    );
    expect(files[0]).toMatchObject({ path: "sp ace b/x.txt", status: "modified", additions: 1 });
  });

  it("keeps a removed line that looks like a file header inside its hunk", () => {
    const files = parseUnifiedDiff(
      lines(
        "diff --git a/notes.md b/notes.md",
        "--- a/notes.md",
        "+++ b/notes.md",
        "@@ -1,3 +1,1 @@",
        "--- a/other",
        "-++ b/other",
        " end",
        "diff --git a/next.md b/next.md",
        "--- a/next.md",
        "+++ b/next.md",
        "@@ -1 +1 @@",
        "-x",
        "+y",
      ),
    );
    expect(files.map((file) => file.path)).toEqual(["notes.md", "next.md"]);
    expect(files[0]?.hunks[0]?.lines.map((line) => line.text)).toEqual([
      "-- a/other",
      "++ b/other",
      "end",
    ]);
    expect(files[0]).toMatchObject({ additions: 0, deletions: 2 });
  });

  it("skips '\\ No newline at end of file' and CRLF line ends", () => {
    const files = parseUnifiedDiff(
      [
        "diff --git a/a.txt b/a.txt",
        "--- a/a.txt",
        "+++ b/a.txt",
        "@@ -1 +1 @@",
        "-old",
        "\\ No newline at end of file",
        "+new",
        "\\ No newline at end of file",
        "",
      ].join("\r\n"),
    );
    expect(files[0]?.hunks[0]?.lines).toEqual([
      { kind: "del", oldLine: 1, text: "old" },
      { kind: "add", newLine: 1, text: "new" },
    ]);
  });

  it("flags `GIT binary patch` files and ignores their data lines", () => {
    const files = parseUnifiedDiff(
      lines(
        "diff --git a/logo.png b/logo.png",
        "index 1111111..2222222 100644",
        "GIT binary patch",
        "literal 12",
        "TcmZ?wbhEHbWMp7u_{hKj0Ko{3",
        "",
        "literal 0",
        "HcmV?d00001",
        "",
        "diff --git a/b.txt b/b.txt",
        "--- a/b.txt",
        "+++ b/b.txt",
        "@@ -1 +1 @@",
        "-1",
        "+2",
      ),
    );
    expect(files.map((file) => [file.path, file.binary, file.hunks.length])).toEqual([
      ["logo.png", true, 0],
      ["b.txt", false, 1],
    ]);
  });

  it("reads plain `diff -ruN` output and drops the top folder of each side", () => {
    const files = parseUnifiedDiff(
      lines(
        "diff -ruN old/src/a.ts new/src/a.ts",
        "--- old/src/a.ts\t2024-01-01 10:00:00.000000000 +0000",
        "+++ new/src/a.ts\t2024-01-02 10:00:00.000000000 +0000",
        "@@ -1,2 +1,2 @@",
        " keep",
        "-before",
        "+after",
        "diff -ruN old/src/b.ts new/src/b.ts",
        "--- old/src/b.ts\t1970-01-01 00:00:00.000000000 +0000",
        "+++ new/src/b.ts\t2024-01-02 10:00:00.000000000 +0000",
        "@@ -0,0 +1 @@",
        "+created",
        "Only in new: extra",
        "Binary files old/img.png and new/img.png differ",
        "--- /dev/null",
        "+++ b/c.ts",
        "@@ -0,0 +1 @@",
        "+c",
      ),
    );
    expect(files.map((file) => [file.path, file.status, file.binary])).toEqual([
      ["src/a.ts", "modified", false],
      ["src/b.ts", "added", false],
      ["img.png", "modified", true],
      ["c.ts", "added", false],
    ]);
    expect(files[0]?.hunks[0]?.lines[2]).toEqual({ kind: "add", newLine: 2, text: "after" });
  });

  it("reads a single-file `diff -u` whose names have no folder", () => {
    const files = parseUnifiedDiff(
      lines(
        "--- a.txt\t2024-01-01 10:00:00 +0000",
        "+++ b.txt\t2024-01-01 10:00:00 +0000",
        "@@ -1 +1 @@",
        "-x",
        "+y",
      ),
    );
    expect(files).toEqual([
      {
        path: "b.txt",
        status: "modified",
        binary: false,
        additions: 1,
        deletions: 1,
        hunks: [
          {
            oldStart: 1,
            oldLines: 1,
            newStart: 1,
            newLines: 1,
            header: "",
            lines: [
              { kind: "del", oldLine: 1, text: "x" },
              { kind: "add", newLine: 1, text: "y" },
            ],
          },
        ],
      },
    ]);
  });

  it("returns nothing for empty or non-diff text", () => {
    expect(parseUnifiedDiff("")).toEqual([]);
    expect(parseUnifiedDiff("hello\nworld\n")).toEqual([]);
  });
});
