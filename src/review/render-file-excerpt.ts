import type { ChangedFile, Hunk } from "../core/change.js";

/** How far a hunk may be widened to reach its enclosing function or class. */
const MAX_WIDEN_LINES = 120;

/** Lines that open a function, method or class in the common languages. */
const DECLARATION =
  /^\s*(?:export\s+(?:default\s+)?)?(?:(?:public|private|protected|static|async|abstract|override|final|pub(?:\(crate\))?)\s+)*(?:function\*?\s|class\s|interface\s|enum\s|def\s|func\s|fn\s|impl\b|module\s|(?:const|let|var)\s+[\w$]+\s*(?::[^=]+)?=\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|[\w$]+\s*=>)|[\w$<>[\],.?\s]+\s+[\w$]+\s*\([^;]*\)\s*(?:throws [\w., ]+)?\{?\s*$|[\w$]+\s*\([^)]*\)\s*(?::\s*[^{;]+)?\{\s*$)/;

/** One rendered piece of a file: a widened hunk. */
export interface ExcerptSegment {
  text: string;
  /** Added and removed lines in this segment. */
  changedLines: number;
  /** New-file line numbers of the hunk's own range (for "points at the change"). */
  startLine: number;
  endLine: number;
}

/**
 * Render a changed file for the reviewer: each hunk widened to its enclosing
 * function or class (found by declaration lines and brace or indentation
 * balance), with new-file line numbers so findings can cite exact lines.
 * `+` marks added lines, `-` removed ones. Pure; `content` is the file after
 * the change, or undefined when unavailable (hunks are shown as they are).
 *
 * @example
 * renderFileExcerpt(file, "line 1\nline 2\n").map((segment) => segment.text).join("\n⋮\n")
 */
export function renderFileExcerpt(
  file: ChangedFile,
  content: string | undefined,
): ExcerptSegment[] {
  const lines = content === undefined ? undefined : content.split("\n");
  const rendered = new Set<number>();
  const segments: ExcerptSegment[] = [];
  for (const hunk of file.hunks) {
    const start = hunk.newStart;
    const end = hunk.newStart + Math.max(hunk.newLines, 1) - 1;
    const [from, to] = lines && file.status !== "deleted" ? widen(lines, start, end) : [start, end];
    const out: string[] = [];
    const contextLine = (number: number) => {
      if (rendered.has(number) || !lines) return;
      const text = lines[number - 1];
      if (text === undefined) return;
      rendered.add(number);
      out.push(`  ${String(number).padStart(5)} | ${text}`);
    };
    for (let number = from; number < start; number += 1) contextLine(number);
    let changedLines = 0;
    for (const line of hunk.lines)
      out.push(renderDiffLine(line, rendered, () => (changedLines += 1)));
    for (let number = end + 1; number <= to; number += 1) contextLine(number);
    segments.push({
      text: out.filter(Boolean).join("\n"),
      changedLines,
      startLine: start,
      endLine: end,
    });
  }
  return segments;
}

function renderDiffLine(
  line: Hunk["lines"][number],
  rendered: Set<number>,
  countChanged: () => void,
): string {
  switch (line.kind) {
    case "add":
      rendered.add(line.newLine);
      countChanged();
      return `+ ${String(line.newLine).padStart(5)} | ${line.text}`;
    case "del":
      countChanged();
      return `-       | ${line.text}`;
    case "context":
      if (rendered.has(line.newLine)) return "";
      rendered.add(line.newLine);
      return `  ${String(line.newLine).padStart(5)} | ${line.text}`;
  }
}

/** The 1-based [from, to] range of the function or class enclosing [start, end]. */
export function widen(lines: readonly string[], start: number, end: number): [number, number] {
  const firstChanged = lines[start - 1] ?? "";
  const changedIndent = indentOf(firstChanged);
  let declaration: number | undefined;
  for (let number = start; number >= Math.max(1, start - MAX_WIDEN_LINES); number -= 1) {
    const text = lines[number - 1] ?? "";
    if (text.trim() !== "" && DECLARATION.test(text) && indentOf(text) <= changedIndent) {
      declaration = number;
      break;
    }
  }
  if (declaration === undefined) return [start, end];
  const declarationText = lines[declaration - 1] ?? "";
  const limit = Math.min(lines.length, end + MAX_WIDEN_LINES);
  if (usesBraces(lines, declaration)) {
    let depth = 0;
    let opened = false;
    for (let number = declaration; number <= limit; number += 1) {
      for (const char of lines[number - 1] ?? "") {
        if (char === "{") {
          depth += 1;
          opened = true;
        } else if (char === "}") depth -= 1;
      }
      if (opened && depth <= 0) return [declaration, Math.max(number, end)];
    }
    return [declaration, Math.max(limit, end)];
  }
  const baseIndent = indentOf(declarationText);
  let last = end;
  for (let number = declaration + 1; number <= limit; number += 1) {
    const text = lines[number - 1] ?? "";
    if (text.trim() === "") continue;
    if (indentOf(text) <= baseIndent && number > end) break;
    last = number;
  }
  return [declaration, Math.max(last, end)];
}

function usesBraces(lines: readonly string[], declaration: number): boolean {
  for (let number = declaration; number < declaration + 3; number += 1) {
    const text = lines[number - 1] ?? "";
    if (text.includes("{")) return true;
    if (/:\s*(#.*)?$/.test(text)) return false;
  }
  return false;
}

function indentOf(text: string): number {
  const match = /^[ \t]*/.exec(text);
  return match ? match[0].replace(/\t/g, "    ").length : 0;
}
