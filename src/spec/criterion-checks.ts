/**
 * Heuristics that decide whether an acceptance criterion can be tested. Both
 * `jig spec lint` and the spec interview use them, so the interview pushes
 * back on exactly what lint would later reject.
 */

import { assessOutcome, type OutcomeVerdict } from "./assess-outcome.js";

/** A vague word found in a criterion, with a follow-up question that asks for a measure. */
export interface VagueWord {
  /** The word as written in the criterion. */
  word: string;
  /** 0-based offset in the text. */
  index: number;
  /** What to ask instead, e.g. "how fast, measured how?". */
  followUp: string;
}

const SPEED = "how fast, measured how? (e.g. p95 under 200 ms over 1,000 requests)";
const LOAD = "up to what load, measured how? (e.g. 500 concurrent users, p95 under 300 ms)";
const SECURITY =
  "secure against what? Name the attack and the observable result (e.g. rejects with 403)";
const USABILITY =
  "what can a user observably do, in how many steps or seconds? (e.g. signs up in 3 steps)";
const RESILIENCE =
  "under which failure, and what happens then? (e.g. retries 3 times, then shows an error)";
const PRECISION = "which exact value, condition or result? (e.g. returns 400 with the field name)";
const SIZE = "how many or how much, exactly? (e.g. at most 50 items, under 2 MB)";

/**
 * Words that cannot be tested as written. Keys are lower-case phrases; a
 * phrase matches on word boundaries, case-insensitively.
 */
export const VAGUE_WORDS: Readonly<Record<string, string>> = {
  fast: SPEED,
  faster: SPEED,
  quick: SPEED,
  quickly: SPEED,
  slow: SPEED,
  responsive: SPEED,
  performant: SPEED,
  efficient: SPEED,
  efficiently: SPEED,
  instant: SPEED,
  instantly: SPEED,
  "real-time": SPEED,
  "in real time": SPEED,
  soon: SPEED,
  scalable: LOAD,
  scale: LOAD,
  "high load": LOAD,
  secure: SECURITY,
  securely: SECURITY,
  safe: SECURITY,
  "user-friendly": USABILITY,
  "user friendly": USABILITY,
  intuitive: USABILITY,
  easy: USABILITY,
  easily: USABILITY,
  simple: USABILITY,
  simply: USABILITY,
  seamless: USABILITY,
  seamlessly: USABILITY,
  nice: USABILITY,
  clean: USABILITY,
  modern: USABILITY,
  robust: RESILIENCE,
  reliable: RESILIENCE,
  reliably: RESILIENCE,
  resilient: RESILIENCE,
  gracefully: RESILIENCE,
  appropriate: PRECISION,
  appropriately: PRECISION,
  "as needed": PRECISION,
  "as appropriate": PRECISION,
  "if necessary": PRECISION,
  properly: PRECISION,
  reasonable: PRECISION,
  reasonably: PRECISION,
  adequate: PRECISION,
  sufficient: PRECISION,
  flexible: PRECISION,
  "etc.": PRECISION,
  etc: PRECISION,
  "and so on": PRECISION,
  "and/or": PRECISION,
  optimal: PRECISION,
  optimized: PRECISION,
  large: SIZE,
  small: SIZE,
  many: SIZE,
  few: SIZE,
  minimal: SIZE,
  lightweight: SIZE,
};

// Longest phrases first, so "user-friendly" wins over "user friendly" fragments.
const VAGUE_PATTERN = new RegExp(
  `(?<![\\w-])(${Object.keys(VAGUE_WORDS)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|")})(?![\\w-])`,
  "gi",
);

/** A number with a unit: the thing that turns "fast" into "p95 under 200 ms". */
const QUANTITY =
  /\d[\d,.]*\s*(?:%|ms\b|milliseconds?\b|µs\b|s\b|secs?\b|seconds?\b|min\b|mins\b|minutes?\b|h\b|hours?\b|days?\b|weeks?\b|[kmgt]i?b\b|bytes?\b|rps\b|qps\b|req(?:uest)?s?(?:\/s)?\b|users?\b|sessions?\b|connections?\b|items?\b|rows?\b|records?\b|files?\b|steps?\b|clicks?\b|attempts?\b|retries\b|tries\b|times\b|x\b|px\b|chars?\b|characters?\b|lines?\b|concurrent\b|per\s+\w+)/i;

/** How far (in characters) a quantity may sit from a vague word and still quantify it. */
const QUANTITY_WINDOW = 80;

/**
 * Vague words that the criterion does not quantify. A word counts as
 * quantified when a number with a unit sits within 80 characters of it
 * ("fast: p95 under 200 ms" passes, "fast" alone does not).
 */
export function findVagueWords(text: string): VagueWord[] {
  const found: VagueWord[] = [];
  for (const match of text.matchAll(VAGUE_PATTERN)) {
    const word = match[1] ?? match[0];
    const index = match.index ?? 0;
    const start = Math.max(0, index - QUANTITY_WINDOW);
    const end = Math.min(text.length, index + word.length + QUANTITY_WINDOW);
    if (QUANTITY.test(text.slice(start, end))) continue;
    found.push({ word, index, followUp: VAGUE_WORDS[word.toLowerCase()] ?? PRECISION });
  }
  return found;
}

/**
 * How a criterion's outcome reads (see assessOutcome): a vague word in an
 * outcome that observes nothing else makes the outcome `missing`, so "it is
 * robust" is rejected while "it retries 3 times" is not.
 */
export function outcomeVerdict(text: string): OutcomeVerdict {
  return assessOutcome(text, (clause) => findVagueWords(clause).length > 0);
}

/**
 * Whether a criterion plainly states something a test can observe. A
 * criterion that is not plainly observable may still be `uncertain` (a lint
 * warning) rather than `missing` (an error); see {@link outcomeVerdict}.
 */
export function hasObservableOutcome(text: string): boolean {
  return outcomeVerdict(text) === "observable";
}

/** What is wrong with a criterion, for the interview's pushback. */
export interface CriterionIssues {
  /** False exactly when lint would reject the criterion (JIG-S010 error). */
  observable: boolean;
  /** The full verdict; `uncertain` is a lint warning and passes the interview. */
  outcome: OutcomeVerdict;
  vagueWords: VagueWord[];
}

/** Both checks at once; a criterion is testable when `observable` and no vague words. */
export function checkCriterion(text: string): CriterionIssues {
  const outcome = outcomeVerdict(text);
  return { observable: outcome !== "missing", outcome, vagueWords: findVagueWords(text) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
