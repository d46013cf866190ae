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
  /** The rare non-ASCII literals. */
  parts: ScannerPart[];
}

interface ScannerPart {
  regex: RegExp;
  /** Scan with the `i` flag and report the lower-cased match. */
  fold: boolean;
  /** For a literal, the shorter literals of this part found inside it. */
  contains: Map<string, string[]>;
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
  const { groups, ordered } = groupByAppliesTo(detectors, gates);
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

/**
 * ASCII literals go to one Aho-Corasick automaton. The rare non-ASCII literal
 * gets a regex: a case-sensitive prefix trie, or when case-insensitive a flat
 * alternation with the `i` flag, since there two distinct branch characters
 * may match the same text character ("σ" and "ς") and a trie could miss the
 * longest literal.
 */
function buildLiteralScanner(
  keys: ReadonlyArray<string>,
  caseInsensitiveKeys: ReadonlySet<string>,
): LiteralScanner {
  const ascii = keys.map((key) => (isAscii(key) ? key : undefined));
  const confirm = new Set<number>();
  keys.forEach((key, id) => {
    if (isAscii(key) && !caseInsensitiveKeys.has(key) && key !== key.toLowerCase()) confirm.add(id);
  });
  const exact = new Set<string>();
  const folded = new Set<string>();
  for (const key of keys) {
    if (isAscii(key)) continue;
    if (caseInsensitiveKeys.has(key)) folded.add(key);
    else exact.add(key);
  }
  const parts = [triePart(exact), flatFoldedPart(folded)].filter((part) => part !== undefined);
  return {
    keys: [...keys],
    confirm,
    automaton: ascii.some((key) => key !== undefined) ? buildLiteralAutomaton(ascii) : undefined,
    parts,
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
  if (scanner.parts.length === 0) return found;
  const keys: string[] = [];
  for (const { regex, fold, contains } of scanner.parts) {
    regex.lastIndex = 0;
    let match = regex.exec(text);
    while (match) {
      const literal = fold ? match[0].toLowerCase() : match[0];
      keys.push(literal, ...(contains.get(literal) ?? NONE));
      // Resume one character later, not after the match: literals may overlap
      // ("abcd" and "cdef" in "abcdef").
      regex.lastIndex = match.index + 1;
      match = regex.exec(text);
    }
  }
  for (const key of keys) {
    const id = scanner.keys.indexOf(key);
    if (id >= 0) found.add(id);
  }
  return found;
}

const NONE: string[] = [];

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

function triePart(literals: Set<string>): ScannerPart | undefined {
  if (literals.size === 0) return undefined;
  const root = buildTrie(literals);
  // The scan reports one literal per position, the longest; a shorter
  // literal inside it ("token_1" in "token_12") is credited through `contains`.
  const contains = new Map<string, string[]>();
  for (const outer of literals) {
    const inner = innerLiterals(root, outer);
    if (inner.length > 0) contains.set(outer, inner);
  }
  return { regex: new RegExp(emitTrie(root), "g"), fold: false, contains };
}

/**
 * With the `i` flag two distinct branch characters may match the same text
 * character ("σ" and "ς"), and a trie would no longer yield the longest
 * literal: a flat alternation, longest first.
 */
function flatFoldedPart(literals: Set<string>): ScannerPart | undefined {
  if (literals.size === 0) return undefined;
  const sorted = [...literals].sort((left, right) => right.length - left.length);
  const contains = new Map<string, string[]>();
  for (const outer of sorted) {
    const inner = sorted.filter((literal) => literal !== outer && outer.includes(literal));
    if (inner.length > 0) contains.set(outer, inner);
  }
  const source = sorted.map(escapeRegex).join("|");
  return { regex: new RegExp(source, "gi"), fold: true, contains };
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** The literal ending here, if one does. */
  literal: string | undefined;
}

function buildTrie(literals: Iterable<string>): TrieNode {
  const root: TrieNode = { children: new Map(), literal: undefined };
  for (const literal of literals) {
    let node = root;
    for (const char of literal) {
      let child = node.children.get(char);
      if (!child) {
        child = { children: new Map(), literal: undefined };
        node.children.set(char, child);
      }
      node = child;
    }
    node.literal = literal;
  }
  return root;
}

/** The other literals of the trie that occur inside `outer`: a walk from each of its positions. */
function innerLiterals(root: TrieNode, outer: string): string[] {
  const chars = [...outer];
  const found = new Set<string>();
  for (let start = 0; start < chars.length; start++) {
    let node: TrieNode | undefined = root;
    for (let index = start; index < chars.length && node; index++) {
      node = node.children.get(chars[index] as string);
      if (node?.literal !== undefined && node.literal !== outer) found.add(node.literal);
    }
  }
  return [...found];
}

/**
 * A regex source matching exactly the given literals, as a prefix trie. At
 * each position it matches the longest literal that starts there: branches
 * begin with distinct characters, and a greedy `(?:...)?` prefers the longer.
 */
export function trieSource(literals: Iterable<string>): string {
  return emitTrie(buildTrie(literals));
}

function emitTrie(node: TrieNode): string {
  const branches: string[] = [];
  for (const [char, child] of node.children) branches.push(escapeRegex(char) + emitTrie(child));
  if (branches.length === 0) return "";
  const body = branches.length === 1 ? (branches[0] as string) : branches.join("|");
  if (node.literal !== undefined) return `(?:${body})?`;
  return branches.length === 1 ? body : `(?:${body})`;
}

const SPECIAL = /[.*+?^${}()|[\]\\/]/;
const SPECIAL_GLOBAL = new RegExp(SPECIAL.source, "g");

function escapeRegex(text: string): string {
  // Most trie branches are one plain character: skip the replace for them.
  return SPECIAL.test(text) ? text.replace(SPECIAL_GLOBAL, "\\$&") : text;
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
