import type { Change, ChangedFile, DiffLine } from "../core/index.js";
import { compileGlobs } from "../core/index.js";
import { extensionForAstLanguage, normalizeAstLanguage } from "./ast-engine.js";
import type { FailureExample, FailureModel } from "./failure-model.js";

/** A change holding just one example file, plus that file's post-change content. */
export interface ExampleChange {
  change: Change;
  path: string;
  content: string | undefined;
}

/**
 * Turn one catalog example into the change it stands for: a string is a new
 * file, `{before, after}` an edit (diffed line by line), `deleted` a deletion.
 * The path is the example's own or one derived from `appliesTo`.
 */
export function exampleToChange(model: FailureModel, example: FailureExample): ExampleChange {
  const object = typeof example === "string" ? { code: example } : example;
  const path = object.path ?? defaultExamplePath(model);
  let file: ChangedFile;
  let content: string | undefined;
  if (object.deleted) {
    const before = splitLines(object.before ?? "");
    const lines: DiffLine[] = before.map((text, index) => ({
      kind: "del",
      oldLine: index + 1,
      text,
    }));
    file = fileOf(path, "deleted", lines, before.length, 0);
    content = undefined;
  } else if (object.after !== undefined) {
    const before = splitLines(object.before ?? "");
    const after = splitLines(object.after);
    file = fileOf(
      path,
      before.length === 0 && object.before === undefined ? "added" : "modified",
      diffLines(before, after),
      before.length,
      after.length,
    );
    content = object.after;
  } else {
    const after = splitLines(object.code ?? "");
    const lines: DiffLine[] = after.map((text, index) => ({
      kind: "add",
      newLine: index + 1,
      text,
    }));
    file = fileOf(path, "added", lines, 0, after.length);
    content = object.code ?? "";
  }
  const change: Change = {
    base: "example",
    head: "example",
    baseRef: "example",
    headRef: "example",
    workingTree: false,
    files: [file],
    commits: [],
  };
  return { change, path, content };
}

/**
 * A path for examples that name none: the first `appliesTo` glob with its
 * wildcards filled in (`**\/migrations/*.sql` → `migrations/example.sql`),
 * checked against the globs; else `example.<ext>` for the ast language.
 */
export function defaultExamplePath(model: FailureModel): string {
  const language = model.detect?.ast?.language;
  const extension = language
    ? extensionForAstLanguage(normalizeAstLanguage(language) ?? "")
    : ".txt";
  const globs = model.appliesTo;
  if (!globs || globs.length === 0) return `example${extension}`;
  const matches = compileGlobs(globs, { dot: true }, `${model.id} appliesTo`);
  for (const glob of globs) {
    const candidate = glob
      .replace(/^!.*/, "")
      .replace(/\{([^,}]*)[^}]*\}/g, "$1")
      .replace(/\*\*\//g, "")
      .replace(/\/\*\*$/, `/example${extension}`)
      .replace(/\*\*/g, "example")
      .replace(/\*/g, "example")
      .replace(/\?/g, "x")
      .replace(/\[([^\]])[^\]]*\]/g, "$1");
    if (candidate && matches(candidate)) return candidate;
  }
  return `example${extension}`;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function fileOf(
  path: string,
  status: ChangedFile["status"],
  lines: DiffLine[],
  oldCount: number,
  newCount: number,
): ChangedFile {
  let additions = 0;
  let deletions = 0;
  for (const line of lines) {
    if (line.kind === "add") additions++;
    else if (line.kind === "del") deletions++;
  }
  return {
    path,
    status,
    binary: false,
    additions,
    deletions,
    hunks:
      lines.length === 0
        ? []
        : [
            {
              oldStart: oldCount === 0 ? 0 : 1,
              oldLines: oldCount,
              newStart: newCount === 0 ? 0 : 1,
              newLines: newCount,
              header: "",
              lines,
            },
          ],
  };
}

/** A minimal line diff (longest common subsequence); examples are a few lines long. */
export function diffLines(before: string[], after: string[]): DiffLine[] {
  const rows = before.length;
  const columns = after.length;
  const table: number[][] = Array.from({ length: rows + 1 }, () =>
    new Array<number>(columns + 1).fill(0),
  );
  for (let row = rows - 1; row >= 0; row--) {
    for (let column = columns - 1; column >= 0; column--) {
      const current = table[row] as number[];
      current[column] =
        before[row] === after[column]
          ? ((table[row + 1] as number[])[column + 1] as number) + 1
          : Math.max((table[row + 1] as number[])[column] as number, current[column + 1] as number);
    }
  }
  const lines: DiffLine[] = [];
  let row = 0;
  let column = 0;
  while (row < rows || column < columns) {
    if (row < rows && column < columns && before[row] === after[column]) {
      lines.push({
        kind: "context",
        oldLine: row + 1,
        newLine: column + 1,
        text: before[row] as string,
      });
      row++;
      column++;
    } else if (
      column < columns &&
      (row === rows ||
        ((table[row] as number[])[column + 1] as number) >=
          ((table[row + 1] as number[])[column] as number))
    ) {
      lines.push({ kind: "add", newLine: column + 1, text: after[column] as string });
      column++;
    } else {
      lines.push({ kind: "del", oldLine: row + 1, text: before[row] as string });
      row++;
    }
  }
  return lines;
}
