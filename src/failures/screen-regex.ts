/** How bad a backtracking regex must be to be reported. */
export type BacktrackingLevel = "exponential" | "polynomial";

const BOUNDED = /^\{(\d+)(,(\d*))?\}/;

/**
 * A cheap syntactic screen run before the real checker (recheck costs about
 * 2 ms a pattern). It answers false only when the pattern cannot backtrack at
 * the given level, so most regexes in code (`^\d+$`, `\s+`) never reach
 * recheck. Exponential backtracking needs a repeated group whose body can
 * match the same text in two ways, which needs an alternation or a
 * quantifier inside the repeated group; polynomial needs an unbounded
 * quantifier.
 *
 * @example
 * mayBacktrack("(a+)+$", "exponential"); // true
 * mayBacktrack("^[a-z]+\\d*$", "exponential"); // false
 */
export function mayBacktrack(source: string, level: BacktrackingLevel): boolean {
  if (level === "polynomial") return /[*+]|\{\d+,/.test(source);
  // One frame per open group: does its body branch (alternation or quantifier)?
  const stack: boolean[] = [false];
  const starts: number[] = [0];
  let closedGroupBranches = false; // the atom just before a quantifier was a branching group
  let index = 0;
  while (index < source.length) {
    const char = source[index] as string;
    if (char === "\\") {
      index += 2;
      closedGroupBranches = false;
      continue;
    }
    if (char === "[") {
      index = skipClass(source, index);
      closedGroupBranches = false;
      continue;
    }
    if (char === "(") {
      stack.push(false);
      starts.push(index + 1);
      index++;
      continue;
    }
    if (char === ")") {
      const branches = stack.length > 1 ? (stack.pop() as boolean) : false;
      const start = starts.length > 1 ? (starts.pop() as number) : 0;
      if (branches) stack[stack.length - 1] = true;
      closedGroupBranches = branches && !isDelimitedBody(source.slice(start, index));
      index++;
      continue;
    }
    if (char === "|") {
      stack[stack.length - 1] = true;
      closedGroupBranches = false;
      index++;
      continue;
    }
    let repeats: boolean | undefined;
    let length = 1;
    if (char === "*" || char === "+") repeats = true;
    else if (char === "?" && !isGroupPrefix(source, index)) repeats = false;
    else if (char === "{") {
      const bounded = BOUNDED.exec(source.slice(index));
      if (bounded) {
        length = bounded[0].length;
        const max = bounded[2] === undefined ? Number(bounded[1]) : Number(bounded[3] || Infinity);
        repeats = max > 1;
      }
    }
    if (repeats !== undefined) {
      if (repeats && closedGroupBranches) return true;
      stack[stack.length - 1] = true;
      closedGroupBranches = false;
      index += length;
      // A lazy or possessive marker belongs to the quantifier.
      if (source[index] === "?" || source[index] === "+") index++;
      continue;
    }
    closedGroupBranches = false;
    index++;
  }
  return false;
}

/** `?` right after `(` starts `(?:`, `(?=`, `(?<name>`..., not a quantifier. */
function isGroupPrefix(source: string, index: number): boolean {
  return source[index - 1] === "(" && (index < 2 || source[index - 2] !== "\\");
}

function skipClass(source: string, start: number): number {
  let index = start + 1;
  if (source[index] === "^") index++;
  if (source[index] === "]") index++;
  while (index < source.length && source[index] !== "]") index += source[index] === "\\" ? 2 : 1;
  return index + 1;
}

/** One atom of a simple group body: what it can match, and whether a quantifier follows. */
interface Atom {
  matches: (char: string) => boolean;
  quantified: boolean;
}

/**
 * A repeated group body that matches any text in at most one way and whose
 * repetitions cannot overlap: it starts with a literal character no later
 * atom can match (`\.\d+`, `,\s?[a-z]+`... as in `(?:\.\d+)*`), has no
 * groups or alternation, and each quantified atom is disjoint from every
 * atom after it. Such a group cannot backtrack exponentially however often
 * it repeats, so it need not go to recheck.
 */
function isDelimitedBody(body: string): boolean {
  const text = body.replace(/^\?(?::|<[A-Za-z_]\w*>)/, "");
  if (
    text.length === 0 ||
    /[()|]/.test(text.replace(/\\./g, "").replace(/\[(?:\\.|[^\]])*\]/g, ""))
  )
    return false;
  const atoms: Atom[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    let atom: Atom["matches"] | undefined;
    let literal: string | undefined;
    if (char === "\\") {
      const next = text[index + 1] ?? "";
      atom = escapeMatcher(next);
      if (!atom) literal = next;
      index += 2;
    } else if (char === "[") {
      const end = skipClass(text, index);
      atom = classMatcher(text.slice(index, end));
      index = end;
    } else if (char === ".") {
      atom = (candidate) => candidate !== "\n";
      index++;
    } else if ("*+?{".includes(char)) {
      return false;
    } else {
      literal = char;
      index++;
    }
    if (literal !== undefined) {
      const lower = literal.toLowerCase();
      atom = (candidate) => candidate.toLowerCase() === lower;
    }
    const quantified = /^(?:[*+?]|\{\d+(?:,\d*)?\})/.exec(text.slice(index));
    if (quantified) {
      index += quantified[0].length;
      if (text[index] === "?" || text[index] === "+") index++;
    }
    atoms.push({ matches: atom as Atom["matches"], quantified: quantified !== null });
  }
  const [first, ...rest] = atoms;
  if (!first || first.quantified) return false;
  // A quantified atom disjoint from every later one has one possible extent.
  for (let at = 0; at < rest.length; at++) {
    const atom = rest[at] as Atom;
    if (!atom.quantified) continue;
    for (const later of rest.slice(at + 1))
      if (CHARACTERS.some((char) => atom.matches(char) && later.matches(char))) return false;
  }
  // The delimiter: a literal character, tested by its own matcher against the probe set.
  const delimiter = PROBES.find(
    (probe) => first.matches(probe) && PROBES.filter((other) => first.matches(other)).length === 1,
  );
  if (delimiter === undefined) return false;
  return rest.every((atom) => !atom.matches(delimiter));
}

/** Every ASCII character and a few others, to tell whether two atoms can match the same one. */
const CHARACTERS = [
  ...Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)),
  "\u00a0",
  "\u00e9",
  "\u20ac",
  "\u2028",
];

/** Characters a delimiter can be; a literal matches exactly one (two with case folding, so those are skipped). */
const PROBES = [...".,;:/\\-_=&|@#!%~^$'\"`<>*+?()[]{} \t"];

function escapeMatcher(letter: string): Atom["matches"] | undefined {
  switch (letter) {
    case "d":
      return (char) => /\d/.test(char);
    case "D":
      return (char) => !/\d/.test(char);
    case "w":
      return (char) => /\w/.test(char);
    case "W":
      return (char) => !/\w/.test(char);
    case "s":
      return (char) => /\s/.test(char);
    case "S":
      return (char) => !/\s/.test(char);
    default:
      // Other letters (\b, \p, \u...) are not simple atoms: treated as matching anything.
      return /[a-zA-Z0-9]/.test(letter) ? () => true : undefined;
  }
}

/** A class as a matcher, by compiling it: the engine knows ranges and escapes. */
function classMatcher(cls: string): Atom["matches"] {
  try {
    const regex = new RegExp(`^${cls}$`, "i");
    return (char) => regex.test(char);
  } catch {
    return () => true;
  }
}
