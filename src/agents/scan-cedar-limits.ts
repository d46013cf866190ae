import type { Problem } from "../core/index.js";

/**
 * What a policy may cost the Cedar engine, checked before any text reaches
 * it. Cedar's parser and evaluator recurse once per nesting level and once
 * per chained operator, and the WASM build has a small fixed stack: past
 * ~128 brackets or ~512 chained operators it fails with "memory access out
 * of bounds" or "Maximum call stack size exceeded", and that failure leaves
 * the engine unusable for the rest of the process. The limits sit well below
 * those points and far above any hand-written policy. Documented in
 * docs/agents.md.
 */
export const CEDAR_LIMITS = {
  /** Bytes per `.cedar` file. */
  fileBytes: 256 * 1024,
  /** Brackets `( [ {` and `if … then … else` open at once. */
  nestingDepth: 64,
  /** Operators chained along one path of an expression (`a || b || …`, `x.a.b…`). */
  chainedOperators: 200,
} as const;

/** The result of one linear pass over a policy text. */
export interface CedarScan {
  /** The first limit broken, located; undefined when the text is within every limit. */
  problem?: Problem;
  /** Offset where each line starts: turns any offset into a line in O(log n). */
  lineStarts: number[];
  /**
   * Offset of the first token of each top-level statement (each policy), in
   * order: where Cedar's policies start, found without asking Cedar.
   */
  policyStarts: number[];
}

/** Cedar's binary and unary operator precedence, loosest first (`||` … member access). */
const OR = 0;
const AND = 1;
const RELATION = 2;
const SUM = 3;
const PRODUCT = 4;
const UNARY = 5;
const MEMBER = 6;
const LEVELS = 7;

const RELATION_WORDS = new Set(["in", "has", "like", "is"]);

interface Frame {
  /** Chain length per precedence level in the current operand run. */
  chain: number[];
  /** Sum of `chain`, kept so the total is O(1) to update. */
  sum: number;
  /** `if`s opened in this frame; they close with it. */
  ifs: number;
  /** Enclosing frames' chained operators plus this frame's own, when it opened. */
  base: number;
}

function newFrame(base: number): Frame {
  return { chain: new Array<number>(LEVELS).fill(0), sum: 0, ifs: 0, base };
}

/**
 * One pass over `text`: line starts, policy starts and the first broken
 * {@link CEDAR_LIMITS} limit. Strings and `//` comments are skipped, so their
 * content never counts. The depth estimate is conservative: it may count an
 * operator Cedar nests less deeply, never fewer.
 *
 * @example
 * scanCedarLimits('permit(principal, action, resource);', "agents/x.cedar").problem // undefined
 */
export function scanCedarLimits(text: string, file: string): CedarScan {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > CEDAR_LIMITS.fileBytes) {
    return {
      lineStarts: indexLines(text),
      policyStarts: [],
      problem: {
        code: "agents/cedar-limit",
        path: file,
        line: 1,
        column: 1,
        message: `policy file is ${bytes.toLocaleString("en-US")} bytes, over the limit of ${CEDAR_LIMITS.fileBytes.toLocaleString("en-US")}; split the policies into several .cedar files`,
      },
    };
  }
  const scanner = new LimitScanner(text, file);
  scanner.run();
  // A problem stops the scan; the rest of the lines still need their starts.
  if (scanner.problem !== undefined) {
    return {
      problem: scanner.problem,
      lineStarts: indexLines(text),
      policyStarts: scanner.policyStarts,
    };
  }
  return { lineStarts: scanner.lineStarts, policyStarts: scanner.policyStarts };
}

/** The state of one pass: open brackets, operator chains and the first problem. */
class LimitScanner {
  readonly lineStarts = [0];
  readonly policyStarts: number[] = [];
  problem: Problem | undefined;
  private readonly stack: Frame[] = [newFrame(0)];
  private frame = this.stack[0] as Frame;
  private depth = 0;
  private inPolicy = false;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  run(): void {
    const { text } = this;
    const length = text.length;
    let index = 0;
    while (index < length && this.problem === undefined) {
      const char = text.charCodeAt(index);
      if (char === 10) {
        this.lineStarts.push(index + 1);
        index++;
      } else if (char === 32 || char === 9 || char === 13) {
        index++;
      } else if (char === 47 && text.charCodeAt(index + 1) === 47) {
        // `//` comment: to the end of the line, which the loop then records.
        const end = text.indexOf("\n", index);
        index = end === -1 ? length : end;
      } else {
        if (!this.inPolicy) {
          this.inPolicy = true;
          this.policyStarts.push(index);
        }
        if (char === 34) index = this.skipString(index);
        else if (isWordStart(char)) index = this.word(index);
        else index = this.punctuation(char, index);
      }
    }
  }

  /** A string literal from its opening quote; a backslash escapes the next character. */
  private skipString(start: number): number {
    const { text } = this;
    let index = start + 1;
    while (index < text.length) {
      const inner = text.charCodeAt(index);
      if (inner === 92) index += 2;
      else if (inner === 34) break;
      else {
        if (inner === 10) this.lineStarts.push(index + 1);
        index++;
      }
    }
    return index + 1;
  }

  private word(start: number): number {
    const { text } = this;
    let end = start + 1;
    while (end < text.length && isWordPart(text.charCodeAt(end))) end++;
    const word = text.slice(start, end);
    if (word === "if") {
      this.frame.ifs++;
      this.open(start);
      this.resetOperand();
    } else if (word === "then" || word === "else") this.resetOperand();
    else if (RELATION_WORDS.has(word)) this.operator(RELATION, start);
    return end;
  }

  /** One punctuation character (or a two-character operator) at `index`; returns where the next token starts. */
  private punctuation(char: number, index: number): number {
    const next = this.text.charCodeAt(index + 1);
    const width = next === 61 ? 2 : 1;
    switch (char) {
      case 40: // (
      case 91: // [
      case 123: // {
        this.open(index);
        this.frame = newFrame(this.frame.base + this.frame.sum);
        this.stack.push(this.frame);
        return index + 1;
      case 41: // )
      case 93: // ]
      case 125: // }
        if (this.stack.length > 1) {
          const closed = this.stack.pop() as Frame;
          this.depth -= 1 + closed.ifs;
          this.frame = this.stack[this.stack.length - 1] as Frame;
        }
        return index + 1;
      case 44: // ,
        this.resetOperand();
        return index + 1;
      case 59: // ;
        if (this.stack.length === 1) {
          this.depth -= this.frame.ifs;
          this.frame = newFrame(0);
          this.stack[0] = this.frame;
          this.inPolicy = false;
        }
        return index + 1;
      case 124: // |
        this.operator(OR, index);
        return index + (next === 124 ? 2 : 1);
      case 38: // &
        this.operator(AND, index);
        return index + (next === 38 ? 2 : 1);
      case 61: // = (==)
      case 60: // <, <=
      case 62: // >, >=
        this.operator(RELATION, index);
        return index + width;
      case 33: // !, !=
        this.operator(next === 61 ? RELATION : UNARY, index);
        return index + width;
      case 43: // +
      case 45: // - (binary or unary: counted as the looser, which is conservative)
        this.operator(SUM, index);
        return index + 1;
      case 42: // *
        this.operator(PRODUCT, index);
        return index + 1;
      case 46: // .
        this.operator(MEMBER, index);
        return index + 1;
      default:
        return index + 1;
    }
  }

  private operator(level: number, offset: number): void {
    const { frame } = this;
    const chain = frame.chain;
    chain[level] = (chain[level] as number) + 1;
    frame.sum++;
    // A looser operator starts a new operand: the tighter chains before it end.
    for (let tighter = level + 1; tighter < LEVELS; tighter++) {
      frame.sum -= chain[tighter] as number;
      chain[tighter] = 0;
    }
    if (frame.base + frame.sum > CEDAR_LIMITS.chainedOperators) {
      this.fail(
        offset,
        `expression chains more than ${CEDAR_LIMITS.chainedOperators} operators (the limit Cedar's engine is safe under); split the policy into several, or test membership with a set: ["a", "b"].contains(x)`,
      );
    }
  }

  private resetOperand(): void {
    this.frame.chain.fill(0);
    this.frame.sum = 0;
  }

  private open(offset: number): void {
    this.depth++;
    if (this.depth > CEDAR_LIMITS.nestingDepth) {
      this.fail(
        offset,
        `nesting deeper than ${CEDAR_LIMITS.nestingDepth} levels (brackets and if-then-else); split the policy or flatten the condition`,
      );
    }
  }

  private fail(offset: number, message: string): void {
    const line = this.lineStarts.length;
    this.problem = {
      code: "agents/cedar-limit",
      path: this.file,
      line,
      column: offset - (this.lineStarts[line - 1] as number) + 1,
      message,
    };
  }
}

/** Offsets where each line of `text` starts. */
export function indexLines(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
  return starts;
}

/** 1-based line and column of `offset`, by binary search in `lineStarts`. */
export function locateOffset(
  lineStarts: readonly number[],
  offset: number,
): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] as number) + 1 };
}

function isWordStart(char: number): boolean {
  return (char >= 97 && char <= 122) || (char >= 65 && char <= 90) || char === 95;
}

function isWordPart(char: number): boolean {
  return isWordStart(char) || (char >= 48 && char <= 57);
}
