import { type Location, type Problem, parseYamlAs } from "../core/index.js";
import { failureCatalogFileSchema } from "./catalog-schema.js";
import type {
  CatalogEntry,
  CatalogOrigin,
  Detect,
  DetectLocations,
  FailureModel,
} from "./failure-model.js";

const DETECT_KEYS: ReadonlyArray<keyof Detect> = [
  "added",
  "removed",
  "absent",
  "ast",
  "fileDeleted",
  "unlessAdded",
  "skipTestFiles",
  "unsafeRegex",
];

/** What one catalog file holds: its entries (when it validated) and every problem found. */
export interface ParsedCatalogFile {
  domain?: string;
  entries: CatalogEntry[];
  problems: Problem[];
}

/**
 * Parse and validate one `failure-models/<domain>.yaml`. Pure: every problem
 * comes back with `file:line:col`, nothing throws. Entries remember their own
 * line and where each detector field sits, so later checks (regex compile,
 * ReDoS, ast rules) can point at the exact value.
 *
 * @example
 * const { entries, problems } = parseCatalogFile(text, "failure-models/sql.yaml");
 */
export function parseCatalogFile(
  text: string,
  path: string,
  origin: CatalogOrigin = "project",
): ParsedCatalogFile {
  const parsed = parseYamlAs(text, path, failureCatalogFileSchema, {
    prefix: "catalog",
    empty: null,
    notMapping: "a catalog file must be a mapping with `domain:` and `failures:`",
    firstSyntaxError: true,
  });
  if (!parsed.value) return { entries: [], problems: parsed.problems };
  const { source } = parsed;
  const { domain, failures } = parsed.value;
  const entries = failures.map((model, index): CatalogEntry => {
    const at = source.locate(["failures", index]);
    const locations: DetectLocations = {};
    for (const key of DETECT_KEYS) {
      if (model.detect?.[key] !== undefined)
        locations[key] = source.locate(["failures", index, "detect", key]);
    }
    return {
      ...(model as FailureModel),
      domain,
      origin,
      file: path,
      line: at.line,
      column: at.column,
      locations,
    };
  });
  return { domain, entries, problems: findDuplicateIds(entries) };
}

/**
 * Ids must be unique across the whole catalog of one origin: a duplicate is
 * almost always a copy-paste that silently shadows an entry. (A project entry
 * reusing a shipped id is an override, not a duplicate.)
 */
export function findDuplicateIds(entries: ReadonlyArray<CatalogEntry>): Problem[] {
  const seen = new Map<string, CatalogEntry>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    const first = seen.get(entry.id);
    if (first && first.origin === entry.origin) {
      problems.push({
        code: "catalog/duplicate-id",
        path: entry.file,
        message: `duplicate id ${entry.id}; it is already used at ${first.file}:${first.line}:${first.column}`,
        line: entry.line,
        column: entry.column,
      });
    } else if (!first) {
      seen.set(entry.id, entry);
    }
  }
  return problems;
}

/** Location of a detector field, falling back to the entry itself. */
export function detectLocation(entry: CatalogEntry, key: keyof Detect): Location {
  return entry.locations[key] ?? { line: entry.line, column: entry.column };
}
