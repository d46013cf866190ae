import type { CompiledDetector } from "./compile-catalog.js";
import type { CompiledPattern } from "./compile-pattern.js";
import {
  buildLiteralAutomaton,
  type LiteralAutomaton,
  scanAutomaton,
} from "./literal-automaton.js";

/**
 * Everything the runner derives from the detector list alone: detectors
 * grouped by `appliesTo`, indexed by required literal, and the literal
 * scanner. Built once per catalog, not once per batch of files: with 700
 * literals the scanner takes milliseconds to build, and `jig failures check`
 * runs the detectors on dozens of batches while git writes the diff.
 */
export interface DetectorPlan {
  detectors: ReadonlyArray<CompiledDetector>;
  /** Every detector, grouped by `appliesTo`; a detector's rank is its index here. */
  ordered: CompiledDetector[];
  groups: DetectorGroup[];
  scanner: LiteralScanner | undefined;
  /**
   * For each `added` or `removed` pattern with required literals, the ids of
   * those literals in the scanner: one of them in a file's scan, or the
   * pattern cannot match there.
   */
  gates: Map<CompiledPattern, number[]>;
  /** For a pattern with `alsoRequired` literals, their ids: every one must be in the file. */
  requires: Map<CompiledPattern, number[]>;
}

/**
 * Detectors sharing the same `appliesTo`. Those whose `added` regex needs one
 * of some literals are found through `byLiteral` (by literal id); the rest
 * are `ungated`.
 */
export interface DetectorGroup {
  matches: (path: string) => boolean;
  ungated: number[];
  byLiteral: Map<number, number[]>;
}

/**
 * The required literals of every detector, found in one pass per file and
 * kind of line, far faster than running each regex. A literal's id is its
 * index in `keys`.
 */
export interface LiteralScanner {
  /** Each literal as the scanner knows it (see literalKey). */
  keys: string[];
  /**
   * Ids of case-sensitive ASCII literals with a capital letter. The automaton
   * ignores case, so it would take "function" for "Function" (and run the
   * `new Function(` regex on every file); these are confirmed in the text.
   */
  confirm: Set<number>;
  /** The ASCII literals, which are nearly all of them, under their ids. */
  automaton: LiteralAutomaton | undefined;
  /**
   * The rare non-ASCII literals, each looked for on its own: `includes` for
   * a case-sensitive one, an `i` regex for a case-insensitive one, so case
   * folding is exactly the gated regex's.
   */
  others: Array<{ id: number; occursIn: (text: string) => boolean }>;
}

/** Plan a detector list for {@link runDetectors}. Pure. */
export function planDetectors(detectors: ReadonlyArray<CompiledDetector>): DetectorPlan {
  const keys: string[] = [];
  const ids = new Map<string, number>();
  const caseInsensitiveKeys = new Set<string>();
  const gates = new Map<CompiledPattern, number[]>();
  const requires = new Map<CompiledPattern, number[]>();
  const idsOf = (literals: ReadonlyArray<string>, caseInsensitive: boolean): number[] => {
    const found = new Set<number>();
    for (const literal of literals) {
      const key = literalKey(literal, caseInsensitive);
      let id = ids.get(key);
      if (id === undefined) {
        id = keys.push(key) - 1;
        ids.set(key, id);
      }
      if (caseInsensitive) caseInsensitiveKeys.add(key);
      found.add(id);
    }
    return [...found];
  };
  for (const detector of detectors) {
    for (const pattern of [detector.added, detector.removed]) {
      if (pattern?.literals === undefined) continue;
      const caseInsensitive = pattern.caseInsensitive === true;
      gates.set(pattern, idsOf(pattern.literals, caseInsensitive));
      if (pattern.alsoRequired) requires.set(pattern, idsOf(pattern.alsoRequired, caseInsensitive));
    }
  }
  // An entry without `detect` is for the reviewer only: with no key to hold,
  // "every key holds" would be vacuously true on every file it applies to.
  const runnable = detectors.filter((detector) => detector.entry.detect !== undefined);
  const { groups, ordered } = groupByAppliesTo(runnable, gates);
  const scanner = keys.length === 0 ? undefined : buildLiteralScanner(keys, caseInsensitiveKeys);
  return { detectors, ordered, groups, scanner, gates, requires };
}

/**
 * How the scanner names a literal: lower case for a case-insensitive
 * pattern, as written for a case-sensitive one. "Function" and "function"
 * are two literals.
 */
function literalKey(literal: string, caseInsensitive: boolean): string {
  return caseInsensitive ? literal.toLowerCase() : literal;
}

/** ASCII literals go to one Aho-Corasick automaton; the rest are checked one by one. */
function buildLiteralScanner(
  keys: ReadonlyArray<string>,
  caseInsensitiveKeys: ReadonlySet<string>,
): LiteralScanner {
  const ascii = keys.map((key) => (isAscii(key) ? key : undefined));
  const confirm = new Set<number>();
  const others: LiteralScanner["others"] = [];
  keys.forEach((key, id) => {
    const caseInsensitive = caseInsensitiveKeys.has(key);
    if (!isAscii(key)) {
      const folded = caseInsensitive ? new RegExp(escapeRegex(key), "i") : undefined;
      others.push({
        id,
        occursIn: folded ? (text) => folded.test(text) : (text) => text.includes(key),
      });
    } else if (!caseInsensitive && key !== key.toLowerCase()) confirm.add(id);
  });
  return {
    keys: [...keys],
    confirm,
    automaton: ascii.some((key) => key !== undefined) ? buildLiteralAutomaton(ascii) : undefined,
    others,
  };
}

/** The ids of the literals found in `text`. */
export function scanLiterals(scanner: LiteralScanner, text: string): Set<number> {
  const found = new Set<number>();
  if (scanner.automaton) {
    scanAutomaton(scanner.automaton, text, found);
    for (const id of found)
      if (scanner.confirm.has(id) && !text.includes(scanner.keys[id] as string)) found.delete(id);
  }
  for (const { id, occursIn } of scanner.others) if (occursIn(text)) found.add(id);
  return found;
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function groupByAppliesTo(
  detectors: ReadonlyArray<CompiledDetector>,
  gates: ReadonlyMap<CompiledPattern, ReadonlyArray<number>>,
): {
  groups: DetectorGroup[];
  ordered: CompiledDetector[];
} {
  const byKey = new Map<
    string,
    { matches: (path: string) => boolean; detectors: CompiledDetector[] }
  >();
  for (const detector of detectors) {
    let group = byKey.get(detector.appliesToKey);
    if (!group) {
      group = { matches: detector.matchesPath, detectors: [] };
      byKey.set(detector.appliesToKey, group);
    }
    group.detectors.push(detector);
  }
  const ordered: CompiledDetector[] = [];
  const groups = [...byKey.values()].map(({ matches, detectors: members }) => {
    const group: DetectorGroup = { matches, ungated: [], byLiteral: new Map() };
    for (const detector of members) {
      const rank = ordered.push(detector) - 1;
      const keys = detector.added ? gates.get(detector.added) : undefined;
      if (keys === undefined) group.ungated.push(rank);
      else
        for (const literal of keys) {
          const ranks = group.byLiteral.get(literal);
          if (ranks) ranks.push(rank);
          else group.byLiteral.set(literal, [rank]);
        }
    }
    return group;
  });
  return { groups, ordered };
}
