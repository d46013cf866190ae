/**
 * Heuristics that decide whether an acceptance criterion can be tested. Both
 * `jig spec lint` and the spec interview use them, so the interview pushes
 * back on exactly what lint would later reject.
 */

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
 * Verbs and phrases a test can observe: a response, an output, a stored row,
 * an exit status. Word forms are listed so "set" does not match "settings".
 */
const OUTCOME_WORDS = [
  "returns?|returned|returning",
  "responds?|responded|responding|response",
  "shows?|showed|shown|showing",
  "displays?|displayed|displaying",
  "renders?|rendered",
  "writes?|wrote|written|writing",
  "exits?|exited|exiting",
  "rejects?|rejected|rejecting",
  "refuses?|refused",
  "contains?|contained|containing",
  "equals?|equalled|equal to",
  "status",
  "redirects?|redirected",
  "logs|logged",
  "emits?|emitted",
  "prints?|printed",
  "sends?|sent",
  "creates?|created",
  "deletes?|deleted",
  "removes?|removed",
  "stores?|stored",
  "saves?|saved",
  "persists?|persisted",
  "records?|recorded",
  "lists?|listed",
  "includes?|included",
  "reports?|reported",
  "raises?|raised",
  "throws?|thrown",
  "produces?|produced",
  "outputs?",
  "matches|matched",
  "sets|is set|are set",
  "appears?|appeared",
  "receives?|received",
  "blocks?|blocked",
  "denies|denied",
  "allows?|allowed",
  "accepts?|accepted",
  "updates?|updated",
  "inserts?|inserted",
  "locks?|locked",
  "expires?|expired",
  "increments?|incremented",
  "decrements?|decremented",
  "fails? with|fails",
  "errors? with",
  "warns?|warned",
  "prompts?|prompted",
  "asks?|asked",
  "highlights?|highlighted",
  "disables?|disabled",
  "enables?|enabled",
  "hides?|hidden",
  "visible",
  "downloads?|downloaded",
  "uploads?|uploaded",
  "notifies|notified",
  "emails?|emailed",
  "generates?|generated",
  "exports?|exported",
  "imports?|imported",
  "navigates?|navigated",
  "calls?|called",
  "retries|retried",
  "times out|timed out",
  "exit code",
  "is empty|are empty",
];

const OUTCOME_PATTERN = new RegExp(`\\b(?:${OUTCOME_WORDS.join("|")})\\b`, "i");
const HTTP_STATUS = /\b[1-5]\d\d\b/;
const COMPARISON =
  /\b(?:at most|at least|no more than|no fewer than|fewer than|less than|more than|under|over|within|exactly)\s+\d/i;
/** Where the outcome of a Given/When/Then or EARS criterion starts. */
const OUTCOME_CLAUSE = /\b(?:then|shall|must|should|will)\b/i;

/**
 * Whether a criterion states something a test can observe. When the text has
 * a Then/shall clause, only that clause counts, so "When X happens, then it
 * works" fails even though the condition mentions "returns".
 */
export function hasObservableOutcome(text: string): boolean {
  const clause = OUTCOME_CLAUSE.exec(text);
  const outcome = clause ? text.slice(clause.index + clause[0].length) : text;
  return (
    OUTCOME_PATTERN.test(outcome) ||
    HTTP_STATUS.test(outcome) ||
    QUANTITY.test(outcome) ||
    COMPARISON.test(outcome) ||
    /"[^"]+"|`[^`]+`/.test(outcome)
  );
}

/** What is wrong with a criterion, for the interview's pushback. */
export interface CriterionIssues {
  observable: boolean;
  vagueWords: VagueWord[];
}

/** Both checks at once; a criterion is testable when `observable` and no vague words. */
export function checkCriterion(text: string): CriterionIssues {
  return { observable: hasObservableOutcome(text), vagueWords: findVagueWords(text) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
