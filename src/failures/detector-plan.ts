import type { CompiledDetector } from "./compile-catalog.js";
import type { CompiledPattern } from "./compile-pattern.js";

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
   * For each `added` or `removed` pattern with required literals, their keys
   * as the scanner reports them: one of these in a file's scan, or the
   * pattern cannot match there.
   */
  gates: Map<CompiledPattern, string[]>;
}

/**
 * Detectors sharing the same `appliesTo`. Those whose `added` regex needs one
 * of some literals are found through `byLiteral` (by literal key); the rest
 * are `ungated`.
 */
export interface DetectorGroup {
  matches: (path: string) => boolean;
  ungated: number[];
  byLiteral: Map<string, number[]>;
}

/**
 * The required literals of every detector, scanned for in one pass per file
 * and kind of line, far faster than running each regex.
 */
export interface LiteralScanner {
  parts: ScannerPart[];
}

interface ScannerPart {
  regex: RegExp;
  /** Scan the lower-cased text: the literals are lower case and the regex has no `i` flag. */
  lowerCase: boolean;
  /** Scan with the `i` flag and report the lower-cased match. */
  fold: boolean;
  /** For a literal, the shorter literals of the catalog found inside it. */
  contains: Map<string, string[]>;
}

/** Plan a detector list for {@link runDetectors}. Pure. */
export function planDetectors(detectors: ReadonlyArray<CompiledDetector>): DetectorPlan {
  const gates = new Map<CompiledPattern, string[]>();
  for (const detector of detectors) {
    for (const pattern of [detector.added, detector.removed]) {
      if (pattern?.literals === undefined) continue;
      const caseInsensitive = pattern.caseInsensitive === true;
      gates.set(pattern, [
        ...new Set(pattern.literals.map((literal) => literalKey(literal, caseInsensitive))),
      ]);
    }
  }
  const { groups, ordered } = groupByAppliesTo(detectors, gates);
  return { detectors, ordered, groups, scanner: buildLiteralScanner(gates), gates };
}

/**
 * How the scanner names a literal. ASCII literals are scanned for in the
 * lower-cased text, whatever their pattern's case rule, so their key is
 * lower case. Finding "token" where a case-sensitive pattern needs "Token"
 * only lets that regex run, and the regex decides.
 */
function literalKey(literal: string, caseInsensitive: boolean): string {
  return caseInsensitive || isAscii(literal) ? literal.toLowerCase() : literal;
}

/**
 * One prefix trie (`tok(?:en_(?:1|2))`) of every ASCII literal, lower-cased
 * and run on the lower-cased text: V8 runs a trie faster than a flat
 * alternation retrying every branch at every position, and one scan is
 * cheaper than one per case rule. Lower-casing maps every ASCII letter to one
 * ASCII letter, so an occurrence survives it. The rare non-ASCII literal gets
 * a case-sensitive trie, or when case-insensitive a flat alternation with the
 * `i` flag: there two distinct branch characters may match the same text
 * character ("σ" and "ς"), and a trie could miss the longest literal.
 */
export function buildLiteralScanner(
  gates: ReadonlyMap<CompiledPattern, ReadonlyArray<string>>,
): LiteralScanner | undefined {
  const lowered = new Set<string>();
  const exact = new Set<string>();
  const folded = new Set<string>();
  for (const [pattern, keys] of gates) {
    for (const key of keys) {
      if (isAscii(key)) lowered.add(key);
      else if (pattern.caseInsensitive) folded.add(key);
      else exact.add(key);
    }
  }
  const parts = [triePart(lowered, true), triePart(exact, false), flatFoldedPart(folded)].filter(
    (part) => part !== undefined,
  );
  return parts.length === 0 ? undefined : { parts };
}

/** The keys (see {@link DetectorPlan.gates}) of the literals found in `text`. */
export function scanLiterals(scanner: LiteralScanner, text: string): Set<string> {
  const found = new Set<string>();
  for (const { regex, fold, lowerCase, contains } of scanner.parts) {
    // At most one part scans lower-cased text, so this lower-cases once.
    const subject = lowerCase ? text.toLowerCase() : text;
    regex.lastIndex = 0;
    let match = regex.exec(subject);
    while (match) {
      const literal = fold ? match[0].toLowerCase() : match[0];
      if (!found.has(literal)) {
        found.add(literal);
        for (const inner of contains.get(literal) ?? NONE) found.add(inner);
      }
      // Resume one character later, not after the match: literals may overlap
      // ("abcd" and "cdef" in "abcdef").
      regex.lastIndex = match.index + 1;
      match = regex.exec(subject);
    }
  }
  return found;
}

const NONE: string[] = [];

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

function triePart(literals: Set<string>, lowerCase: boolean): ScannerPart | undefined {
  if (literals.size === 0) return undefined;
  const root = buildTrie(literals);
  // The scan reports one literal per position, the longest; a shorter
  // literal inside it ("token_1" in "token_12") is credited through `contains`.
  const contains = new Map<string, string[]>();
  for (const outer of literals) {
    const inner = innerLiterals(root, outer);
    if (inner.length > 0) contains.set(outer, inner);
  }
  return { regex: new RegExp(emitTrie(root), "g"), lowerCase, fold: false, contains };
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
  return { regex: new RegExp(source, "gi"), lowerCase: false, fold: true, contains };
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
  gates: ReadonlyMap<CompiledPattern, ReadonlyArray<string>>,
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
