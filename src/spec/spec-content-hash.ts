import { createHash } from "node:crypto";

// Node built-ins only, on purpose: the guard's hook checks approvals with this
// file on every tool call and cannot afford the spec parser (zod, YAML).

/** Frontmatter keys an approval does not cover: `jig spec approve` writes them itself. */
const UNHASHED_KEY = /^["']?(status|approval)["']?[ \t]*:/;
const FRONTMATTER_CLOSE = /^(---|\.\.\.)\s*$/;

/** A spec's text split at its frontmatter, with line endings normalised to `\n`. */
export interface SpecTextParts {
  /** Frontmatter lines between the `---` lines; undefined when there is no frontmatter. */
  frontmatter?: string[];
  /** Every line of the file (BOM removed, `\r\n` and `\r` read as `\n`). */
  lines: string[];
  /** Index in `lines` of the closing `---`, when there is a frontmatter. */
  close?: number;
}

/** Split a spec's text the way the parser does: a `---` first line, up to the next `---` or `...`. */
export function splitSpecText(text: string): SpecTextParts {
  const lines = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  if (lines[0]?.trim() !== "---") return { lines };
  const close = lines.findIndex((line, index) => index > 0 && FRONTMATTER_CLOSE.test(line));
  if (close < 0) return { lines };
  return { lines, frontmatter: lines.slice(1, close), close };
}

/**
 * The lines of a top-level frontmatter key: the `key:` line and the indented
 * (or blank) lines that follow it, as `[start, end)` indexes. Several ranges
 * when the key is repeated (which YAML itself rejects).
 */
export function keyBlocks(frontmatter: readonly string[], key: RegExp): Array<[number, number]> {
  const blocks: Array<[number, number]> = [];
  for (let index = 0; index < frontmatter.length; index++) {
    if (!key.test(frontmatter[index] ?? "")) continue;
    let end = index + 1;
    while (end < frontmatter.length && /^([ \t]|\r?$)/.test(frontmatter[end] ?? "")) end++;
    blocks.push([index, end]);
    index = end - 1;
  }
  return blocks;
}

/**
 * The text an approval covers: the spec file with line endings normalised to
 * `\n`, a leading BOM removed, trailing whitespace at the end of the file
 * dropped, and, inside the frontmatter only, the top-level `status:` and
 * `approval:` keys removed with their indented continuation lines. Every
 * other byte counts: the id, title, owner, domains, failure models, every
 * section, criterion, constraint and risk, down to spacing inside a line.
 *
 * Status is left out so `approved` → `implemented` needs no re-approval, and
 * the approval record is left out because it holds the hash itself.
 */
export function specHashedText(text: string): string {
  const { lines, frontmatter, close } = splitSpecText(text);
  let kept = lines;
  if (frontmatter && close !== undefined) {
    const dropped = new Set<number>();
    for (const [start, end] of keyBlocks(frontmatter, UNHASHED_KEY)) {
      for (let index = start; index < end; index++) dropped.add(index);
    }
    kept = [
      lines[0] ?? "---",
      ...frontmatter.filter((_, index) => !dropped.has(index)),
      ...lines.slice(close),
    ];
  }
  return `${kept.join("\n").replace(/\s+$/, "")}\n`;
}

/**
 * The content hash an approval records: `sha256:` and the hex SHA-256 of
 * {@link specHashedText} in UTF-8. A spec edited after approval (a criterion
 * reworded, a risk dropped) no longer matches its recorded hash; a change of
 * line endings, of status, or of the approval record itself does not.
 *
 * It detects edits; it is not a signature (anyone can compute it). Who
 * approved is trusted because the guard and reviewers read approvals from
 * the branch's base, where changes to specs/ pass code review.
 *
 * @example
 * specContentHash(readFileSync("specs/SPEC-0007-login.md", "utf8")); // "sha256:3f2a…"
 */
export function specContentHash(text: string): string {
  return `sha256:${createHash("sha256").update(specHashedText(text), "utf8").digest("hex")}`;
}
