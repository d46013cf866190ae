import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../core/write-file-atomic.js";
import { REGEX_CHECKER_ID } from "./regex-safety.js";
import type { BacktrackingLevel } from "./screen-regex.js";

/** recheck's settled answer about one regex found in code. */
export type CodeRegexVerdict =
  | { status: "safe" }
  | { status: "vulnerable"; complexity: BacktrackingLevel; attack?: string };

/** Verdicts about regexes found in code, kept between processes. */
export interface CodeRegexVerdictStore {
  get(source: string, flags: string): CodeRegexVerdict | undefined;
  set(source: string, flags: string, verdict: CodeRegexVerdict): void;
  /** Write the file back when it changed; a failure (read-only checkout) only loses the cache. */
  save(): Promise<void>;
}

/** The file under `.jig/cache/`. */
export const CODE_REGEX_VERDICTS_FILE = "code-regex-verdicts.json";
/**
 * Part of every key: the checker's version and how code scans call it (the
 * exact automaton analysis only). Either changing makes old verdicts unreachable.
 */
const ANALYZER = `${REGEX_CHECKER_ID} automaton`;
/** Beyond this many verdicts the oldest are dropped on save, so the file stays small. */
const MAX_VERDICTS = 20_000;

/** The cache key of one regex: the analyzer, then the pattern as `/source/flags`. */
export function codeRegexVerdictKey(source: string, flags: string): string {
  return `${ANALYZER} /${source}/${flags}`;
}

/**
 * Open the verdict file (missing or corrupt means empty). Only settled
 * verdicts are stored: a regex recheck could not settle in time is asked
 * again next run. Writes are atomic (temp file, then rename), so a second
 * `jig failures check` running at the same time reads the old file or the
 * new one, never half of it.
 */
export async function openCodeRegexVerdictFile(path: string): Promise<CodeRegexVerdictStore> {
  const verdicts = new Map<string, CodeRegexVerdict>();
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      for (const [key, value] of Object.entries(parsed))
        if (isVerdict(value)) verdicts.set(key, value);
  } catch {
    // A missing or corrupt cache only costs a re-check.
  }
  let dirty = false;
  let saving: Promise<void> = Promise.resolve();
  return {
    get: (source, flags) => verdicts.get(codeRegexVerdictKey(source, flags)),
    set(source, flags, verdict) {
      const key = codeRegexVerdictKey(source, flags);
      // Re-inserted at the end: the newest verdicts survive the trim.
      verdicts.delete(key);
      verdicts.set(key, verdict);
      dirty = true;
    },
    save() {
      // Batches of one check may finish together: one write at a time.
      saving = saving.then(async () => {
        if (!dirty) return;
        dirty = false;
        const kept = [...verdicts].slice(-MAX_VERDICTS);
        try {
          await writeFileAtomic(path, JSON.stringify(Object.fromEntries(kept)));
        } catch {
          // A read-only checkout only loses the cache.
        }
      });
      return saving;
    },
  };
}

function isVerdict(value: unknown): value is CodeRegexVerdict {
  if (!value || typeof value !== "object") return false;
  const verdict = value as Record<string, unknown>;
  if (verdict.status === "safe") return true;
  return (
    verdict.status === "vulnerable" &&
    (verdict.complexity === "exponential" || verdict.complexity === "polynomial") &&
    (verdict.attack === undefined || typeof verdict.attack === "string")
  );
}
