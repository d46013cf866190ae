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
      index++;
      continue;
    }
    if (char === ")") {
      const branches = stack.length > 1 ? (stack.pop() as boolean) : false;
      if (branches) stack[stack.length - 1] = true;
      closedGroupBranches = branches;
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
