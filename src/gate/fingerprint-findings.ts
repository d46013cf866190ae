import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Change } from "../core/change.js";
import type { Finding } from "../core/finding.js";
import { runGitResult } from "../git/run-git.js";

/** Lines a finding's text may span before the rest is left out of its fingerprint. */
const MAX_LINES = 50;

/** The text of a file's lines after the change, by path and 1-based line. */
export type LineText = (path: string, line: number) => string | undefined;

/**
 * Give every finding its fingerprint: a hash of the rule, the path and the
 * whitespace-collapsed text of the lines it points at in the changed file,
 * never the line number, so a finding keeps its fingerprint when unrelated
 * edits move its code. A finding without a file hashes its rule and title.
 * Two findings with the same hash are told apart by an occurrence counter,
 * in report order. Pure.
 */
export function fingerprintFindings(findings: readonly Finding[], textOf: LineText): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const base = hash(fingerprintInput(finding, textOf));
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    const fingerprint = occurrence === 1 ? base : hash(`${base}\0${occurrence}`);
    return { ...finding, fingerprint };
  });
}

function fingerprintInput(finding: Finding, textOf: LineText): string {
  if (finding.file === undefined) return ["v1", finding.ruleId, "", finding.title].join("\0");
  const text = matchedText(finding, textOf);
  // A finding on a whole file, or on lines the change no longer has, is named by its title.
  return ["v1", finding.ruleId, finding.file, text ?? `title:${finding.title}`].join("\0");
}

/** The finding's lines, whitespace collapsed; undefined when any of them is unknown. */
function matchedText(finding: Finding, textOf: LineText): string | undefined {
  if (finding.file === undefined || finding.line === undefined) return undefined;
  const last = Math.min(
    Math.max(finding.endLine ?? finding.line, finding.line),
    finding.line + MAX_LINES - 1,
  );
  const parts: string[] = [];
  for (let line = finding.line; line <= last; line++) {
    const text = textOf(finding.file, line);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  const collapsed = parts.join(" ").replace(/\s+/g, " ").trim();
  return collapsed === "" ? undefined : collapsed;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** The lines the change's hunks show after the change (added and context lines). */
export function hunkLineText(change: Change): Map<string, Map<number, string>> {
  const files = new Map<string, Map<number, string>>();
  for (const file of change.files) {
    if (file.status === "deleted") continue;
    const lines = new Map<number, string>();
    for (const hunk of file.hunks) {
      for (const line of hunk.lines) if (line.kind !== "del") lines.set(line.newLine, line.text);
    }
    files.set(file.path, lines);
  }
  return files;
}

/**
 * Fingerprint the findings of a run on a repository: the text comes from the
 * change's hunks, and for lines outside them from the file after the change
 * (the working tree, or the head commit's blob).
 */
export async function fingerprintChangeFindings(
  findings: readonly Finding[],
  change: Change,
  root: string,
): Promise<Finding[]> {
  if (findings.length === 0) return [];
  const known = hunkLineText(change);
  const missing = new Set<string>();
  for (const finding of findings) {
    if (finding.file === undefined || finding.line === undefined) continue;
    const lines = known.get(finding.file);
    const last = Math.min(finding.endLine ?? finding.line, finding.line + MAX_LINES - 1);
    for (let line = finding.line; line <= last; line++) {
      if (lines?.get(line) === undefined) missing.add(finding.file);
    }
  }
  const whole = new Map<string, string[]>();
  await Promise.all(
    [...missing].map(async (path) => {
      const text = await fileAfterChange(change, root, path);
      if (text !== undefined) whole.set(path, text.split(/\r?\n/));
    }),
  );
  return fingerprintFindings(findings, (path, line) => {
    const fromHunk = known.get(path)?.get(line);
    return fromHunk ?? whole.get(path)?.[line - 1];
  });
}

async function fileAfterChange(
  change: Change,
  root: string,
  path: string,
): Promise<string | undefined> {
  // Paths come from the layers; one that leaves the repository is not read.
  if (path.startsWith("/") || path.split("/").includes("..")) return undefined;
  try {
    if (change.workingTree) return await readFile(join(root, path), "utf8");
    const result = await runGitResult(["show", `${change.head}:${path}`], root);
    return result.exitCode === 0 ? result.stdout : undefined;
  } catch {
    // A path that is gone, or a change with no repository (a unified diff): the title names it.
    return undefined;
  }
}
