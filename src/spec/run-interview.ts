import { InternalError } from "../core/errors.js";
import { type CriterionIssues, checkCriterion } from "./criterion-checks.js";
import type { Interviewer, Question } from "./interviewer.js";
import { citedFailureModels } from "./lint-spec.js";
import type { SpecDraft } from "./render-spec.js";

/** Options for {@link runInterview}. */
export interface InterviewOptions {
  /** From `--title`; the title question is skipped when given. */
  title?: string;
  /** Suggested owner (e.g. git's user.name), offered as the default answer. */
  owner?: string;
}

/** Lists stop here even if an interviewer keeps saying "another". */
const MAX_ITEMS = 50;

/**
 * The spec interview: problem, audience, acceptance criteria one by one with
 * pushback, constraints, risks, out of scope, domains, owner. When a criterion
 * cannot be tested it asks a follow-up; an unanswered follow-up keeps the
 * criterion and records a `[NEEDS CLARIFICATION]` question, so the spec
 * stays a draft until someone answers it.
 *
 * Question ids (stable; answers files use them): `title`, `problem`,
 * `audience`, `criterion-N`, `criterion-N-follow-up`, `criterion-N-more`,
 * `constraint-N`, `risk-N`, `out-of-scope`, `domains`, `owner`.
 *
 * @example
 * const draft = await runInterview(createAnswersInterviewer(answers, "answers.yaml"), {});
 */
export async function runInterview(
  interviewer: Interviewer,
  options: InterviewOptions = {},
): Promise<SpecDraft> {
  const text = async (question: Omit<Question, "kind">): Promise<string> => {
    const answer = await interviewer.ask({ ...question, kind: "freeform" });
    if (typeof answer !== "string") {
      throw new InternalError(`interviewer answered "${question.id}" with a non-string`);
    }
    return answer.trim();
  };
  const yesNo = async (question: Omit<Question, "kind">): Promise<boolean> => {
    const answer = await interviewer.ask({ ...question, kind: "yes-no" });
    if (typeof answer !== "boolean") {
      throw new InternalError(`interviewer answered "${question.id}" with a non-boolean`);
    }
    return answer;
  };

  const title =
    options.title?.trim() ||
    (await text({ id: "title", message: "Title of the spec (a short name for the change)" }));
  const problem = await text({
    id: "problem",
    message: "What problem does this solve? What is wrong or missing today?",
  });
  const audience = await text({ id: "audience", message: "Who is it for?" });

  const criteria: string[] = [];
  const clarifications: string[] = [];
  for (let number = 1; number <= MAX_ITEMS; number++) {
    let criterion = await text({
      id: `criterion-${number}`,
      message: `AC-${number}: what must be observably true when this is done?`,
      placeholder: "Given <context>, when <action>, then <observable result>",
    });
    const issues = checkCriterion(criterion);
    if (!isTestable(issues)) {
      const refined = await text({
        id: `criterion-${number}-follow-up`,
        message: pushback(number, issues),
        optional: true,
        placeholder: "Rewrite the criterion, or leave empty to mark it for clarification",
      });
      if (refined !== "") criterion = refined;
      const remaining = checkCriterion(criterion);
      if (!isTestable(remaining)) clarifications.push(...clarificationsFor(number, remaining));
    }
    criteria.push(criterion);
    if (number === MAX_ITEMS) break;
    const more = await yesNo({
      id: `criterion-${number}-more`,
      message: "Add another acceptance criterion?",
      initial: false,
    });
    if (!more) break;
  }

  const constraints = await list(
    "constraint",
    "C",
    "A constraint (a limit the solution must respect)",
  );
  const risks = await list(
    "risk",
    "R",
    "A risk (what could go wrong; cite failure-model ids like FM-SQL-001 if you know them)",
  );
  const outOfScope = await text({ id: "out-of-scope", message: "What is out of scope?" });
  const domains = (
    await text({ id: "domains", message: "Domains (comma-separated, e.g. auth, billing)" })
  )
    .split(",")
    .map((domain) => domain.trim())
    .filter((domain) => domain !== "");
  const owner = await text({
    id: "owner",
    message: "Owner (who answers questions about this spec)",
    ...(options.owner ? { initial: options.owner } : {}),
  });

  const draft: SpecDraft = {
    title,
    problem,
    audience,
    criteria,
    constraints,
    risks,
    outOfScope,
    domains,
    owner,
    failureModels: citedFailureModels(risks.join("\n")),
    clarifications,
  };
  return draft;

  async function list(idPrefix: string, itemPrefix: string, message: string): Promise<string[]> {
    const items: string[] = [];
    for (let number = 1; number <= MAX_ITEMS; number++) {
      const item = await text({
        id: `${idPrefix}-${number}`,
        message: `${itemPrefix}-${number}: ${message}; leave empty when done`,
        optional: true,
      });
      if (item === "") break;
      items.push(item);
    }
    return items;
  }
}

function isTestable(issues: CriterionIssues): boolean {
  return issues.observable && issues.vagueWords.length === 0;
}

/**
 * The follow-up question for an untestable criterion, e.g.
 * `"fast" → how fast, measured how?`.
 */
export function pushback(number: number, issues: CriterionIssues): string {
  const asks = issues.vagueWords.map((vague) => `"${vague.word}" → ${vague.followUp}`);
  if (!issues.observable) {
    asks.push('what would a test observe? (e.g. "then the API responds 429", "shows \'Saved\'")');
  }
  return `AC-${number} cannot be tested yet. ${[...new Set(asks)].join("; ")}. Rewrite AC-${number}:`;
}

function clarificationsFor(number: number, issues: CriterionIssues): string[] {
  const questions = issues.vagueWords.map(
    (vague) => `AC-${number} says "${vague.word}": ${vague.followUp}`,
  );
  if (!issues.observable) {
    questions.push(`AC-${number}: what observable result shows it is met?`);
  }
  return [...new Set(questions)];
}
