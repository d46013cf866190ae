import type { Change, ChangedFile, FindingDraft } from "../core/index.js";
import { type AstEngine, astLanguageForPath, type ParsedSource } from "./ast-engine.js";
import type { CompiledDetector } from "./compile-catalog.js";
import type { CompiledPattern } from "./compile-pattern.js";
import {
  type DetectorGroup,
  type DetectorPlan,
  type LiteralScanner,
  planDetectors,
  scanLiterals,
} from "./detector-plan.js";
import { isTestPath } from "./is-test-path.js";
import { joinStatements, type Statement, syntaxForPath } from "./join-statements.js";
import { toUnsafeRegexFindings, type UnsafeRegexHit } from "./unsafe-regex-scan.js";

/** Files larger than this (added text or post-change content) are skipped, not scanned. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Longer lines (minified bundles) are tested on their first characters only, so a regex stays linear in practice. */
export const MAX_LINE_CHARS = 10_000;
/** At most this many findings per entry per file; the last one says how many more matched. */
export const MAX_FINDINGS_PER_FILE = 20;

/**
 * Reads a file's content after the change, or undefined when it cannot.
 * The CLI reads the working tree or `git show`; `--diff` mode rebuilds new
 * files from their hunks. Kept behind this interface so the runner is pure.
 */
export type PostChangeReader = (path: string) => Promise<string | undefined>;

/** A changed file the detectors did not look at, and why. */
export interface SkippedFile {
  path: string;
  reason: "binary" | "too-large";
}

export interface RunDetectorsOptions {
  readFile?: PostChangeReader;
  /** Needed only when an `ast` detector applies to a changed file. */
  loadAstEngine?: () => AstEngine;
  /**
   * Give the event loop a turn after this many files, so input still
   * arriving (git writing the rest of the diff) is read while detectors run.
   */
  yieldEvery?: number;
}

export interface DetectorRun {
  findings: FindingDraft[];
  skipped: SkippedFile[];
  /** Files at least one detector looked at. */
  filesScanned: number;
  entriesRun: number;
  /** Files whose post-change content was needed (absent, ast) but could not be read. */
  unreadable: string[];
}

/** The added or removed lines of one file, as one string plus line numbers. */
interface LineSet {
  texts: string[];
  lines: number[];
  /** For removed lines: where each was in the old file. */
  oldLines?: number[];
  blob: string;
  /** Ids of the catalog's literals found in `blob`; undefined until scanned. */
  literals?: Set<number>;
  /**
   * Added lines' multi-line statements; their joined texts are appended to
   * `blob`, so the literal scan and the whole-blob pre-check see them too.
   */
  statements?: Statement[];
  /** Per statement hit's first line: the statement's text and last line, for the finding. */
  statementHits?: Map<number, Statement>;
}

/**
 * Run compiled detectors over a change. Cheap checks run first and a detector
 * stops at the first key that fails: a regex runs only on files whose added
 * text holds its required literal (one combined scan per file), and a file is
 * parsed for `ast` only when every other key of that entry already held.
 * Binary files and files over 1 MB are reported as skipped.
 *
 * @example
 * const run = await runDetectors(change, detectors, { readFile });
 * run.findings[0]?.ruleId; // "FM-SQL-001"
 */
export async function runDetectors(
  change: Change,
  detectors: ReadonlyArray<CompiledDetector> | DetectorPlan,
  options: RunDetectorsOptions = {},
): Promise<DetectorRun> {
  const plan = "ordered" in detectors ? detectors : planDetectors(detectors);
  const { scanner, groups, ordered } = plan;
  const findings: FindingDraft[] = [];
  const skipped: SkippedFile[] = [];
  const unreadable: string[] = [];
  let filesScanned = 0;
  let engine: AstEngine | undefined;

  let visited = 0;
  for (const file of change.files) {
    if (options.yieldEvery && ++visited % options.yieldEvery === 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (file.binary) {
      skipped.push({ path: file.path, reason: "binary" });
      continue;
    }
    const matching = groups.filter((group) => group.matches(file.path));
    if (matching.length === 0) continue;

    // Decided before the lines are collected: building them for a 25 MB file
    // only to skip it cost most of that file's time.
    if (addedTextExceeds(file, MAX_FILE_BYTES)) {
      skipped.push({ path: file.path, reason: "too-large" });
      continue;
    }
    const added = collectLines(file, "add");
    attachStatements(added, file);
    const applicable = applicableDetectors(ordered, matching, added, scanner);
    let removed: LineSet | undefined;
    let content: string | undefined | null = null; // null: not read yet
    let tooLarge = false;
    const parsed = new Map<string, ParsedSource>();
    const readContent = async (): Promise<string | undefined> => {
      if (content !== null) return content;
      content =
        file.status === "deleted" || !options.readFile
          ? undefined
          : await options.readFile(file.path);
      if (content !== undefined && content.length > MAX_FILE_BYTES) {
        tooLarge = true;
        content = undefined;
      } else if (content === undefined && file.status !== "deleted") {
        unreadable.push(file.path);
      }
      return content;
    };
    filesScanned++;
    let testFile: boolean | undefined;

    for (const detector of applicable) {
      if (detector.skipTestFiles) {
        testFile ??= isTestPath(file.path);
        if (testFile) continue;
      }
      // Plain locals, not a Map: this loop runs once per (file, entry) pair.
      let addedHits: number[] | undefined;
      let removedHits: number[] | undefined;
      let astHits: number[] | undefined;
      let holds = true;
      if (detector.fileDeleted) holds = file.status === "deleted";
      if (holds && detector.added) {
        addedHits = matchLines(detector.added, added, plan);
        holds = addedHits.length > 0;
      }
      if (holds && detector.removed) {
        removed ??= collectLines(file, "del");
        removedHits = matchLines(detector.removed, removed, plan);
        holds = removedHits.length > 0;
      }
      // The guard was moved or rewritten, not dropped.
      if (holds && detector.unlessAdded)
        holds = matchLines(detector.unlessAdded, added, plan).length === 0;
      let unsafeHits: UnsafeRegexHit[] | undefined;
      if (holds && detector.unsafeRegex) {
        const { scan, level } = detector.unsafeRegex;
        unsafeHits = await scan.scan(file.path, added, level);
        holds = unsafeHits.length > 0;
      }
      if (holds && detector.absent) {
        const text = file.status === "deleted" ? undefined : await readContent();
        holds = text !== undefined && !detector.absent.regex.test(text);
      }
      if (holds && detector.ast) {
        const language = detector.ast.language ?? astLanguageForPath(file.path);
        const text = language && file.status !== "deleted" ? await readContent() : undefined;
        holds = false;
        if (
          language &&
          text !== undefined &&
          detector.ast.tokens.every((token) => text.includes(token))
        ) {
          engine ??= options.loadAstEngine?.();
          let source = parsed.get(language);
          if (engine && !source) {
            source = engine.parse(language, text);
            parsed.set(language, source);
          }
          if (source) {
            const addedLines = new Set(added.lines);
            const lines: number[] = [];
            for (const range of source.find(detector.ast.config)) {
              for (let line = range.startLine; line <= range.endLine; line++) {
                if (addedLines.has(line)) {
                  lines.push(range.startLine);
                  break;
                }
              }
            }
            holds = lines.length > 0;
            astHits = lines;
          }
        }
      }
      if (holds && unsafeHits) {
        findings.push(...toUnsafeRegexFindings(detector.entry, file.path, unsafeHits));
      } else if (holds) {
        const hits = { added: addedHits, removed: removedHits, ast: astHits };
        findings.push(...toFindings(detector, file, hits, added, removed));
      }
    }
    if (tooLarge) skipped.push({ path: file.path, reason: "too-large" });
  }
  return { findings, skipped, filesScanned, entriesRun: plan.detectors.length, unreadable };
}

/**
 * The detectors of the matching groups that can still fire on this file, in
 * catalog order. One whose `added` regex needs a literal the added text lacks
 * cannot, so it is never visited: the file's literals pick the gated
 * detectors, instead of every detector checking the literals.
 */
function applicableDetectors(
  ordered: ReadonlyArray<CompiledDetector>,
  matching: DetectorGroup[],
  added: LineSet,
  scanner: LiteralScanner | undefined,
): CompiledDetector[] {
  const ranks: number[] = [];
  let gated = false;
  for (const group of matching) {
    for (const rank of group.ungated) ranks.push(rank);
    if (group.byLiteral.size > 0) gated = true;
  }
  if (gated && scanner && added.texts.length > 0) {
    added.literals ??= scanLiterals(scanner, added.blob);
    for (const literal of added.literals)
      for (const group of matching)
        for (const rank of group.byLiteral.get(literal) ?? NO_LINES) ranks.push(rank);
  }
  ranks.sort((left, right) => left - right);
  const result: CompiledDetector[] = [];
  let previous = -1;
  for (const rank of ranks) {
    // A detector whose regex has several literals may be picked more than once.
    if (rank !== previous) result.push(ordered[rank] as CompiledDetector);
    previous = rank;
  }
  return result;
}

/**
 * Whether the added lines, joined by newlines (the `blob` of
 * {@link collectLines}), are longer than `limit`; stops counting once they are.
 */
function addedTextExceeds(file: ChangedFile, limit: number): boolean {
  let length = -1; // n lines have n - 1 separators
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) {
      if (line.kind !== "add") continue;
      length += line.text.length + 1;
      if (length > limit) return true;
    }
  }
  return false;
}

function collectLines(file: ChangedFile, kind: "add" | "del"): LineSet {
  const texts: string[] = [];
  const lines: number[] = [];
  const oldLines: number[] = [];
  for (const hunk of file.hunks) {
    let nextNewLine = hunk.newStart;
    for (const line of hunk.lines) {
      if (line.kind === "add") {
        if (kind === "add") {
          texts.push(line.text);
          lines.push(line.newLine);
        }
        nextNewLine = line.newLine + 1;
      } else if (line.kind === "context") {
        nextNewLine = line.newLine + 1;
      } else if (kind === "del") {
        texts.push(line.text);
        // A removed line has no new number; point at where it was, in the new file.
        lines.push(Math.max(1, nextNewLine));
        oldLines.push(line.oldLine);
      }
    }
  }
  const set: LineSet = { texts, lines, blob: texts.join("\n") };
  if (kind === "del") set.oldLines = oldLines;
  return set;
}

const NO_LINES: number[] = [];

/**
 * Find the added lines' multi-line statements (a call whose arguments run
 * over several lines), so a regex written for one line still matches when
 * the code is formatted over several. Most files have none worth joining.
 */
function attachStatements(set: LineSet, file: ChangedFile): void {
  const statements = joinStatements(file.hunks, syntaxForPath(file.path));
  if (statements.length === 0) return;
  set.statements = statements;
  set.blob = `${set.blob}\n${statements.map((statement) => statement.text).join("\n")}`;
}

const NEGATIVE_LOOKAHEAD = /\(\?!/;

/**
 * Line hits of a regex with a negative lookahead, less those inside a
 * multi-line statement the regex does not match: the lookahead asks what
 * follows (`yaml.load(` not followed by `SafeLoader`), and a line cut short
 * by a line break cannot answer it; the whole statement can.
 */
function dropCutShort(regex: RegExp, set: LineSet, lines: number[]): number[] {
  const kept = lines.filter((line) => {
    const statement = set.statements?.find(
      (candidate) => line >= candidate.startLine && line <= candidate.endLine,
    );
    return statement === undefined || regex.test(statement.text);
  });
  return kept.length === lines.length ? lines : kept;
}

/**
 * The first lines of multi-line statements `regex` matches where the match
 * touches an added part, skipping statements a single line already matched.
 */
function matchStatements(regex: RegExp, set: LineSet, lineHits: number[] | undefined): number[] {
  let result: number[] | undefined;
  for (const statement of set.statements ?? []) {
    if (lineHits?.some((line) => line >= statement.startLine && line <= statement.endLine))
      continue;
    if (!touchesAdded(regex, statement)) continue;
    if (result === undefined) result = [];
    result.push(statement.startLine);
    set.statementHits ??= new Map();
    set.statementHits.set(statement.startLine, statement);
  }
  return result ?? NO_LINES;
}

/** Whether some match of `regex` in the statement overlaps a part that came from an added line. */
function touchesAdded(regex: RegExp, statement: Statement): boolean {
  const overlaps = (start: number, end: number) =>
    statement.added.some(([from, to]) => start < to && Math.max(end, start + 1) > from);
  const first = regex.exec(statement.text);
  if (!first) return false;
  if (overlaps(first.index, first.index + first[0].length)) return true;
  // Rare: the first match lies in context lines only; look for a later one.
  const global = new RegExp(regex.source, `${regex.flags.replace(/[gy]/g, "")}g`);
  global.lastIndex = first.index + 1;
  for (let match = global.exec(statement.text); match; match = global.exec(statement.text)) {
    if (overlaps(match.index, match.index + match[0].length)) return true;
    if (match[0].length === 0) global.lastIndex++;
  }
  return false;
}

/** Lines (new-file numbers) whose text matches `pattern`, after the literal pre-check. */
function matchLines(
  pattern: CompiledPattern,
  set: LineSet,
  plan: Pick<DetectorPlan, "scanner" | "gates" | "requires">,
): number[] {
  if (set.texts.length === 0) return NO_LINES;
  const { scanner } = plan;
  const anyOf = plan.gates.get(pattern);
  if (anyOf !== undefined && scanner) {
    if (set.literals === undefined) set.literals = scanLiterals(scanner, set.blob);
    const found = set.literals;
    if (!anyOf.some((id) => found.has(id))) return NO_LINES;
    const allOf = plan.requires.get(pattern);
    if (allOf !== undefined && !allOf.every((id) => found.has(id))) return NO_LINES;
  }
  // One native scan of the joined lines usually settles it: most regexes that
  // get past the literal check still match nowhere in the file.
  if (pattern.joined && set.texts.length > 1 && !pattern.joined.test(set.blob)) return NO_LINES;
  let result: number[] | undefined;
  const { regex } = pattern;
  for (let index = 0; index < set.texts.length; index++) {
    const text = set.texts[index] as string;
    if (regex.test(text.length > MAX_LINE_CHARS ? text.slice(0, MAX_LINE_CHARS) : text)) {
      if (result === undefined) result = [];
      result.push(set.lines[index] as number);
    }
  }
  if (set.statements) {
    if (result && NEGATIVE_LOOKAHEAD.test(regex.source)) result = dropCutShort(regex, set, result);
    const joined = matchStatements(regex, set, result);
    if (joined.length > 0) result = [...(result ?? []), ...joined].sort((a, b) => a - b);
  }
  return result ?? NO_LINES;
}

function toFindings(
  detector: CompiledDetector,
  file: ChangedFile,
  hits: { added: number[] | undefined; removed: number[] | undefined; ast: number[] | undefined },
  added: LineSet,
  removed: LineSet | undefined,
): FindingDraft[] {
  const { entry } = detector;
  const base = {
    ruleId: entry.id,
    severity: entry.severity,
    file: file.path,
    title: entry.title,
    suggestion: entry.fix,
  };
  const symptoms = `Symptoms: ${entry.symptoms.join("; ")}`;
  const primary = locateHits(hits);
  if (!primary) {
    const what = detector.fileDeleted
      ? `${file.path} was deleted.`
      : `${file.path} lacks the required pattern /${detector.absent?.source ?? ""}/.`;
    const line = file.status === "deleted" ? {} : { line: 1 };
    return [{ ...base, ...line, message: `${what} ${symptoms}` }];
  }
  let lines = [...new Set(primary)];
  // A detector of rewritten lines (`added` with `removed`: a snapshot
  // updated, assertions loosened) reports each rewritten block once, not
  // once per line of it.
  const blockEnds = detector.added && detector.removed ? new Map<number, number>() : undefined;
  if (blockEnds)
    lines = collapseRuns(
      lines.sort((left, right) => left - right),
      blockEnds,
    );
  const shown = lines.slice(0, MAX_FINDINGS_PER_FILE);
  const source = hits.added || hits.ast ? added : (removed ?? added);
  return shown.map((line, index) => {
    const blockEnd = blockEnds?.get(line);
    const statement =
      source === added
        ? (added.statementHits?.get(line) ??
          (blockEnd === undefined ? undefined : { endLine: blockEnd, text: undefined }))
        : undefined;
    const at = source.lines.indexOf(line);
    const text = (statement?.text ?? source.texts[at])?.trim();
    const oldLine = source.oldLines?.[at];
    // A removed line has no place in the new file: name both, so the reader finds it.
    const what =
      oldLine === undefined
        ? "Matched"
        : `Removed line ${oldLine} of the old file (reported at line ${line} of the new file, where it was)`;
    const quoted = text
      ? `${what}: \`${text.length > 160 ? `${text.slice(0, 157)}...` : text}\`. `
      : "";
    const more =
      index === shown.length - 1 && lines.length > shown.length
        ? ` (${lines.length - shown.length} more matching lines in this file are not listed.)`
        : "";
    const end = statement ? { endLine: statement.endLine } : {};
    return { ...base, line, ...end, message: `${quoted}${symptoms}.${more}` };
  });
}

/** The first line of each run of consecutive lines; `ends` gets each run's last line, for runs longer than one. */
function collapseRuns(sorted: number[], ends: Map<number, number>): number[] {
  const starts: number[] = [];
  for (const line of sorted) {
    const start = starts[starts.length - 1];
    const end = start === undefined ? undefined : (ends.get(start) ?? start);
    if (start !== undefined && end !== undefined && line === end + 1) ends.set(start, line);
    else starts.push(line);
  }
  return starts;
}

/**
 * The lines a finding points at. With both `added` and `ast`, only lines both
 * matched: the regex alone would also flag look-alike lines the AST rule ruled
 * out (every `return {` in a function, not just the one inside the catch).
 */
function locateHits(hits: {
  added: number[] | undefined;
  removed: number[] | undefined;
  ast: number[] | undefined;
}): number[] | undefined {
  if (hits.added && hits.ast) {
    const astLines = new Set(hits.ast);
    const both = hits.added.filter((line) => astLines.has(line));
    return both.length > 0 ? both : hits.ast;
  }
  return hits.added ?? hits.ast ?? hits.removed;
}
