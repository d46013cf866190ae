import type { FindingDraft } from "../core/index.js";
import type { CodeRegexVerdict, CodeRegexVerdictStore } from "./code-regex-verdict-file.js";
import type { CatalogEntry } from "./failure-model.js";
import {
  type CodeRegex,
  codeRegexLanguage,
  findCodeRegexes,
  mayHoldCodeRegex,
} from "./find-code-regexes.js";
import { createRecheckChecker, type RegexSafetyChecker } from "./regex-safety.js";
import { type BacktrackingLevel, mayBacktrack } from "./screen-regex.js";

/** One added regex that backtracks catastrophically. */
export interface UnsafeRegexHit {
  /** New-file line number. */
  line: number;
  regex: CodeRegex;
  complexity: BacktrackingLevel;
  /** recheck's attack string, as a JavaScript expression (`'a'.repeat(31) + '!'`). */
  attack?: string;
}

/** Finds catastrophic-backtracking regexes among added lines; one per compiled catalog. */
export interface UnsafeRegexScan {
  scan(
    path: string,
    added: {
      texts: ReadonlyArray<string>;
      lines: ReadonlyArray<number>;
      blob: string;
      /** Multi-line statements, so `re.compile(\n  r"...")` is read as one call. */
      statements?: ReadonlyArray<{ text: string; startLine: number; endLine: number }>;
    },
    level: BacktrackingLevel,
  ): Promise<UnsafeRegexHit[]>;
}

type Verdict = { complexity?: BacktrackingLevel; attack?: string } | undefined;

/** Above this many cached verdicts the cache starts over, so a long-lived process stays bounded. */
const MAX_CACHED = 10_000;
/** A code regex recheck cannot settle in this time is let through: the gate must not stall. */
const CHECK_TIMEOUT_MS = 3_000;
/** Findings per entry per file, as for the other detectors. */
const MAX_HITS_PER_FILE = 20;

/**
 * The scan behind `detect.unsafeRegex`: extract regexes from added lines,
 * drop those the syntactic screen proves linear, and ask recheck (the checker
 * catalog lint uses) about the rest. Verdicts are cached by pattern in this
 * object, so a regex repeated across files and batches is checked once, and
 * in `store` (the `.jig/cache/` file), so the next process does not ask again.
 *
 * @example
 * const hits = await createUnsafeRegexScan().scan("src/a.ts", added, "exponential");
 */
export function createUnsafeRegexScan(
  checker: RegexSafetyChecker = createRecheckChecker({
    timeoutMs: CHECK_TIMEOUT_MS,
    automatonOnly: true,
  }),
  store?: CodeRegexVerdictStore,
): UnsafeRegexScan {
  const verdicts = new Map<string, Promise<Verdict>>();
  const verdictOf = (regex: CodeRegex): Promise<Verdict> => {
    const key = `/${regex.source}/${regex.flags}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      if (verdicts.size >= MAX_CACHED) verdicts.clear();
      const stored = store?.get(regex.source, regex.flags);
      verdict = stored
        ? Promise.resolve(toVerdict(stored))
        : checker.check(regex.source, regex.flags).then(
            (result) => {
              if (result.status === "unknown") return undefined;
              const settled: CodeRegexVerdict =
                result.status === "vulnerable"
                  ? {
                      status: "vulnerable",
                      complexity: result.complexity ?? "polynomial",
                      ...(result.attack ? { attack: result.attack } : {}),
                    }
                  : { status: "safe" };
              store?.set(regex.source, regex.flags, settled);
              return toVerdict(settled);
            },
            // A pattern recheck cannot parse (another engine's syntax) is not judged.
            () => undefined,
          );
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  return {
    async scan(path, added, level) {
      const language = codeRegexLanguage(path);
      if (!language || !mayHoldCodeRegex(added.blob, language)) return [];
      const pending: Array<Promise<UnsafeRegexHit | undefined>> = [];
      // Each added line, then each multi-line statement for the calls a line
      // break cut in two; a pattern a line already yielded is not read twice.
      const units: Array<{ text: string; line: number; endLine: number }> = [];
      for (let index = 0; index < added.texts.length; index++) {
        const line = added.lines[index] as number;
        units.push({ text: added.texts[index] as string, line, endLine: line });
      }
      for (const statement of added.statements ?? []) {
        units.push({ text: statement.text, line: statement.startLine, endLine: statement.endLine });
      }
      const seen: Array<{ key: string; line: number }> = [];
      for (const unit of units) {
        const { line } = unit;
        for (const regex of findCodeRegexes(unit.text, language)) {
          if (!mayBacktrack(regex.source, level)) continue;
          const key = `/${regex.source}/${regex.flags}`;
          if (
            seen.some((item) => item.key === key && item.line >= line && item.line <= unit.endLine)
          )
            continue;
          seen.push({ key, line });
          pending.push(
            verdictOf(regex).then((verdict) => {
              if (!verdict?.complexity) return undefined;
              if (level === "exponential" && verdict.complexity !== "exponential") return undefined;
              return {
                line,
                regex,
                complexity: verdict.complexity,
                ...(verdict.attack ? { attack: verdict.attack } : {}),
              };
            }),
          );
        }
      }
      const hits: UnsafeRegexHit[] = [];
      for (const hit of await Promise.all(pending)) if (hit) hits.push(hit);
      return hits;
    },
  };
}

function toVerdict(settled: CodeRegexVerdict): Verdict {
  if (settled.status === "safe") return undefined;
  return {
    complexity: settled.complexity,
    ...(settled.attack ? { attack: settled.attack } : {}),
  };
}

/** One finding per unsafe regex (at most 20 per file), naming the pattern and recheck's attack string. */
export function toUnsafeRegexFindings(
  entry: CatalogEntry,
  path: string,
  hits: ReadonlyArray<UnsafeRegexHit>,
): FindingDraft[] {
  return hits.slice(0, MAX_HITS_PER_FILE).map((hit) => {
    const written =
      hit.regex.written.length > 160 ? `${hit.regex.written.slice(0, 157)}...` : hit.regex.written;
    const attack = hit.attack ? ` Attack string: ${hit.attack}.` : "";
    return {
      ruleId: entry.id,
      severity: entry.severity,
      file: path,
      line: hit.line,
      title: entry.title,
      suggestion: entry.fix,
      message: `\`${written}\` backtracks catastrophically (${hit.complexity}) on crafted input.${attack} Symptoms: ${entry.symptoms.join("; ")}.`,
    };
  });
}
