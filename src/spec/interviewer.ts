import { UsageError } from "../core/errors.js";
import type { AnswersFile } from "./answers-file.js";

/** The four shapes of question an interview can ask. */
export type QuestionKind = "yes-no" | "choice" | "freeform" | "confirm";

/** One option of a `choice` question. */
export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/**
 * One question. `id` is stable: the answers file and future model-backed
 * interviewers answer by id, so renaming one breaks their files.
 */
export interface Question {
  id: string;
  kind: QuestionKind;
  message: string;
  /** For `choice`: the options; the answer is one option's `value`. */
  choices?: Choice[];
  /** Default answer: used on Enter in a terminal, and when an answers file is silent. */
  initial?: string | boolean;
  /** A `freeform` question that may be left empty ("" ends a list, or declines a follow-up). */
  optional?: boolean;
  /** Placeholder text shown in an empty terminal prompt. */
  placeholder?: string;
}

/** `yes-no` and `confirm` answer with a boolean; `choice` and `freeform` with a string. */
export type Answer = string | boolean;

/**
 * Something that answers questions: a person at a terminal, an answers file,
 * later a model proposing clarifying questions. The interview logic only
 * sees this, so it runs the same way under every one of them.
 */
export interface Interviewer {
  ask(question: Question): Promise<Answer>;
}

/**
 * An interviewer that answers from a parsed answers file (`--answers`), for
 * agents and CI. A question the file does not answer falls back to its
 * `initial`, then to "" when optional; otherwise it is a UsageError naming the
 * question id and the file, so the user knows which key to add.
 *
 * @example
 * const interviewer = createAnswersInterviewer(readAnswersFile(text, "answers.yaml"), "answers.yaml");
 */
export function createAnswersInterviewer(answers: AnswersFile, source: string): Interviewer {
  return {
    async ask(question) {
      const found = lookupAnswer(question.id, answers);
      if (found === undefined) {
        if (question.initial !== undefined) return question.initial;
        if (question.optional) return question.kind === "freeform" ? "" : false;
        throw new UsageError(
          `${source} has no answer for question "${question.id}" (${question.message}); add it, see docs/spec-format.md`,
          { code: "spec/missing-answer" },
        );
      }
      return coerce(question, found, source);
    },
  };
}

/**
 * The answer to a question id from the file's named fields, or from its
 * `answers:` map of raw answers by question id (which wins).
 */
export function lookupAnswer(id: string, answers: AnswersFile): Answer | undefined {
  const raw = answers.answers?.[id];
  if (raw !== undefined) return raw;
  switch (id) {
    case "title":
      return answers.title;
    case "problem":
      return answers.problem;
    case "audience":
      return answers.audience;
    case "owner":
      return answers.owner;
    case "out-of-scope":
      return Array.isArray(answers.outOfScope)
        ? answers.outOfScope.map((item) => `- ${item}`).join("\n")
        : answers.outOfScope;
    case "domains":
      return Array.isArray(answers.domains) ? answers.domains.join(", ") : answers.domains;
  }
  const numbered = /^(criterion|constraint|risk)-(\d+)(?:-(more|follow-up))?$/.exec(id);
  if (!numbered) return undefined;
  const [, kind, digits, suffix] = numbered;
  const index = Number(digits) - 1;
  if (kind === "constraint") return suffix ? undefined : answers.constraints?.[index];
  if (kind === "risk") return suffix ? undefined : answers.risks?.[index];
  const criteria = answers.criteria;
  if (suffix === "more") return criteria ? index + 1 < criteria.length : undefined;
  if (suffix === "follow-up") {
    const followUps = answers.followUps ?? {};
    const text = criteria?.[index];
    return (
      followUps[String(index + 1)] ??
      followUps[`AC-${index + 1}`] ??
      (text === undefined ? undefined : followUps[text.trim()])
    );
  }
  return criteria?.[index];
}

function coerce(question: Question, answer: Answer, source: string): Answer {
  const wrong = (expected: string): UsageError =>
    new UsageError(
      `${source}: the answer to "${question.id}" must be ${expected}, got ${JSON.stringify(answer)}`,
      { code: "spec/bad-answer" },
    );
  switch (question.kind) {
    case "yes-no":
    case "confirm": {
      if (typeof answer === "boolean") return answer;
      if (/^(y|yes|true)$/i.test(answer.trim())) return true;
      if (/^(n|no|false)$/i.test(answer.trim())) return false;
      throw wrong("yes or no");
    }
    case "choice": {
      const values = (question.choices ?? []).map((choice) => choice.value);
      if (typeof answer === "string" && values.includes(answer)) return answer;
      throw wrong(`one of ${values.join(", ")}`);
    }
    case "freeform":
      if (typeof answer === "string") return answer;
      throw wrong("text");
  }
}
