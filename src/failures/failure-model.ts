import type { Location } from "../core/index.js";

/** How bad it is when this failure happens; a subset of finding severities. */
export const FAILURE_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type FailureSeverity = (typeof FAILURE_SEVERITIES)[number];

/**
 * An ast-grep rule as written in a catalog: the `rule:` object of ast-grep's
 * YAML rule format, plus the language (inferred from the file extension when
 * absent). Kept as plain data so the catalog stays serialisable.
 */
export interface AstDetector {
  language?: string;
  rule: Record<string, unknown>;
  constraints?: Record<string, Record<string, unknown>>;
  utils?: Record<string, Record<string, unknown>>;
}

/**
 * The deterministic part of a failure model. Every key given must hold in the
 * same file for the detector to fire (AND); OR is written as separate entries.
 */
export interface Detect {
  /** Regex tested against each added line. */
  added?: string;
  /** Regex tested against each removed line. */
  removed?: string;
  /** Regex that must appear nowhere in the post-change content of a changed file. */
  absent?: string;
  ast?: AstDetector;
  /** Fires when a file matched by `appliesTo` is deleted. */
  fileDeleted?: boolean;
  /**
   * With `removed`: the removal counts only when no added line of the same
   * file matches this regex (the guard was not moved or rewritten).
   */
  unlessAdded?: string;
  /** Test files (`*.test.*`, `test_*.py`, `*_test.go`, `test/`...) never match. */
  skipTestFiles?: boolean;
  /**
   * Regexes added in code (JS/TS literals and `RegExp(...)`, Python `re.*(...)`,
   * Go `regexp2`) that backtrack catastrophically. `true` means exponential only.
   */
  unsafeRegex?: boolean | "exponential" | "polynomial";
}

/**
 * One example of a detector's input. A plain string is a new file holding
 * those lines (all added). `{before, after}` is an edit, `deleted` a deletion.
 */
export type FailureExample =
  | string
  | {
      path?: string;
      code?: string;
      before?: string;
      after?: string;
      deleted?: boolean;
    };

/** One failure model, as written in `failure-models/<domain>.yaml`. */
export interface FailureModel {
  id: string;
  title: string;
  severity: FailureSeverity;
  appliesTo?: string[];
  trigger: string;
  symptoms: string[];
  fix: string;
  source: string;
  tags?: string[];
  detect?: Detect;
  examples: { bad: FailureExample[]; good: FailureExample[] };
}

/** Where an entry came from: jig's starter catalog or the project's own folder. */
export type CatalogOrigin = "shipped" | "project";

/** Locations of an entry's detector fields, so lint can point at the regex that fails. */
export type DetectLocations = Partial<Record<keyof Detect, Location>>;

/**
 * A failure model plus where it was read from. `domain` is the file's
 * top-level `domain:`; `file` is the path as shown to the user.
 */
export interface CatalogEntry extends FailureModel {
  domain: string;
  origin: CatalogOrigin;
  file: string;
  line: number;
  column: number;
  locations: DetectLocations;
}

/** A catalog entry without its bookkeeping, as `list --format json` prints it. */
export function toFailureModel(
  entry: CatalogEntry,
): FailureModel & { domain: string; origin: CatalogOrigin } {
  const { file: _file, line: _line, column: _column, locations: _locations, ...model } = entry;
  return model;
}
