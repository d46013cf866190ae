/**
 * Whether an acceptance criterion states something a test can observe
 * (JIG-S010). Three verdicts, because a false "untestable" blocks
 * `jig spec approve` and costs a person time, while a criterion that only
 * *might* be unobservable deserves a look, not a block.
 */

/**
 * - `observable`: the outcome names a value, a result or a state a test can check.
 * - `uncertain`: there is an outcome clause, but nothing in it is recognisably checkable.
 * - `missing`: no outcome at all, or only a judgement ("then it works", "should be good").
 */
export type OutcomeVerdict = "observable" | "uncertain" | "missing";

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
  "sees?|seen|seeing|visible|invisible|views?|viewed|viewable",
  "reflects?|reflected",
  "reads|labell?ed|titled|named",
  "writes?|wrote|written|writing",
  "exits?|exited|exiting|exit code",
  "rejects?|rejected|rejecting",
  "refuses?|refused",
  "contains?|contained|containing",
  "equals?|equalled|equal to",
  "exists?|existed",
  "carr(?:y|ies|ied)",
  "becomes?|became",
  "status",
  "redirects?|redirected",
  "logs?|logged",
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
  "sets?\\s+(?:the|a|an|its|their)|set to|is set|are set",
  "adds?|added",
  "extracts?|extracted",
  "skips?|skipped",
  "quer(?:y|ies|ied)",
  "appears?|appeared",
  "receives?|received",
  "blocks?|blocked",
  "denies|denied",
  "allows?|allowed",
  "accepts?|accepted",
  "updates?|updated",
  "inserts?|inserted",
  "locks?|locked|unlocked",
  "expires?|expired",
  "increments?|incremented",
  "decrements?|decremented",
  "fails? with|fails?|failed",
  "execut(?:es?|ed)|runs?|ran|captur(?:es?|ed)|reads? from",
  "errors? with",
  "warns?|warned",
  "prompts?|prompted",
  "asks?|asked",
  "highlights?|highlighted",
  "selects?|selected",
  "checked|unchecked",
  "collapsed|expanded",
  "disables?|disabled",
  "enables?|enabled",
  "hides?|hidden",
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
  "commits?|committed",
  "push(?:es|ed)?",
  "publish(?:es|ed)",
  "triggers?|triggered",
  "invokes?|invoked",
  "queues?|queued",
  "schedules?|scheduled",
  "cancels?|cancell?ed",
  "signed (?:in|out)|logged (?:in|out)",
  "is empty|are empty|be empty",
];

const OUTCOME_PATTERN = new RegExp(`\\b(?:${OUTCOME_WORDS.join("|")})\\b`, "i");

/**
 * A number in any form: 0, 499, 10.00, 1e3, 50_000, 1,000, -2, 20%, $5,
 * €10.00. A digit glued to letters (h3, v2, utf8) is a name, not a number.
 */
const NUMBER =
  /(?<![\p{L}\d_])[-+]?[$€£¥]?\s?\d(?:[\d_,]*\d)?(?:\.\d+)?(?:e[-+]?\d+)?(?![\p{L}_])/iu;

const NUMBER_WORDS =
  /\b(?:zero|none|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|once|twice|thrice|single|both|half|double|every|exactly|only|same as|identical|unchanged|different from|no longer|nothing|true|false|null)\b/i;

const COMPARISON =
  /<=|>=|[<>≤≥≠]|==|!=|\b(?:at most|at least|no more than|no fewer than|fewer than|less than|more than|greater than|under|over|within|below|above|up to|exceeds?|between)\s+(?:\d|[a-z]+\s+(?:seconds?|minutes?|items?))/i;

/** A quoted literal, a `code` span, or a path, file name, selector or snake_case name. */
const LITERAL =
  /"[^"]+"|“[^”]+”|`[^`]+`|(?<![\w])'[^']+'(?![\w])|(?:^|\s)[#.][a-z][\w-]*|\b\w+\.(?:json|ya?ml|md|csv|txt|html?|js|ts|py|go|png|jpg|sql|xml|toml|log)\b|\b[a-z]+(?:_[a-z0-9]+)+\b|\/[\w.-]+\/[\w./-]*/i;

/** States a test can assert on a record, a page or a flag. */
const STATE =
  /\b(?:is|are|be|been|was|were|becomes?|remains?|stays?)\s+(?:not\s+|still\s+|now\s+)?(?:active|inactive|empty|full|open|closed|paid|unpaid|pending|valid|invalid|present|absent|available|unavailable|online|offline|connected|disconnected|authenticated|unauthenticated|confirmed|verified|published|archived|approved|refunded|charged|on|off)\b/i;

/**
 * Possession ("the mail has the subject line") is checkable, but so is
 * nothing in "it has a nice look", so it counts only when nothing in the
 * outcome judges instead of observing.
 */
const POSSESSION =
  /\b(?:has|have|had|holds?|carries|carry)\s+(?:a|an|the|no|its|their|his|her|my|our|your|this|that)\b/i;

/** "the Kiro_Worker SHALL", "each worker shall": a short subject closed by a modal. */
const SUBJECT_THEN_MODAL = /^\s*(?:[\w-]+\s+){1,3}?(?:shall|must|should|will)\b/i;

/**
 * Main verbs that promise a capability or a manner rather than a result:
 * what follows them only counts when it names a value.
 */
const WEAK_MAIN_VERB =
  /^(?:not\s+)?(?:be able to\s+)?(?:handle|support|work|perform|function|behave|maintain|respect|ensure)\b/i;

const CLARIFICATION = /\[NEEDS CLARIFICATION:[^\]]*\]/gi;

/** Where the outcome of a Given/When/Then or EARS criterion starts. */
const OUTCOME_CLAUSE = /\b(?:then|shall|must|should|will)\b/i;

/**
 * Words that judge instead of observe. An outcome made only of these ("then
 * it works", "the user is happy", "all data is accurate") has nothing a test
 * could check.
 */
const JUDGEMENT =
  /\bwork(?:s|ed|ing)?\b(?!\s+(?:items?|flows?|orders?|spaces?|trees?|loads?|days?|hours?|dir(?:ectory)?)\b)|\b(?:functions?|functioning|functional|good|bad|better|best|great|fine|ok|okay|happy|satisfied|pleased|correct|correctly|accurate|accurately|as expected|expected|well|acceptable|achieved|happens?|happen|handles?|handled|handling|helpful|clear|clearly|nice|done|perfect|perfectly|smooth|smoothly|successful|successfully|improved|improves?|fixed|intended|understandable|consistent)\b/i;

/**
 * Judge a criterion's outcome. When the text has a Then/shall/must/should/will
 * clause, only that clause counts, so "When the API returns 500, then the user
 * is happy" is `missing` even though the condition mentions "returns".
 */
export function assessOutcome(
  text: string,
  vague: (clause: string) => boolean = () => false,
): OutcomeVerdict {
  const outcome = outcomeClause(text);
  if (!/\p{L}/u.test(outcome)) return "missing";
  const weakVerb = WEAK_MAIN_VERB.test(outcome);
  // "must handle attempts to create X" promises handling, not the creation it mentions.
  if (weakVerb ? hasValue(outcome) : isObservable(outcome)) return "observable";
  if (JUDGEMENT.test(outcome) || vague(outcome)) return "missing";
  return POSSESSION.test(outcome) && !weakVerb ? "observable" : "uncertain";
}

/**
 * The text a test would have to observe: after the first Then/shall/must/
 * should/will, and after a second modal that closes a short subject ("THEN
 * the Kiro_Worker SHALL ..."), so a name in the subject is not taken for a
 * value. A clarification marker asks for the outcome; it is not one.
 */
function outcomeClause(text: string): string {
  const asked = text.replace(CLARIFICATION, " ");
  const clause = OUTCOME_CLAUSE.exec(asked);
  let outcome = clause ? asked.slice(clause.index + clause[0].length) : asked;
  const subject = SUBJECT_THEN_MODAL.exec(outcome);
  if (subject) outcome = outcome.slice(subject[0].length);
  return outcome.trim();
}

function hasValue(outcome: string): boolean {
  return (
    NUMBER.test(outcome) ||
    NUMBER_WORDS.test(outcome) ||
    COMPARISON.test(outcome) ||
    LITERAL.test(outcome)
  );
}

function isObservable(outcome: string): boolean {
  return OUTCOME_PATTERN.test(outcome) || STATE.test(outcome) || hasValue(outcome);
}
