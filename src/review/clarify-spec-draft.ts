import type { JigConfig } from "../config/index.js";
import { UsageError } from "../core/index.js";
import { createConfiguredModelClient, type ModelId } from "../models/index.js";
import type { Interviewer, SpecDraft } from "../spec/index.js";
import { createModelInterviewer } from "./model-interviewer.js";

/** The model's clarifying questions for a draft: those answered, those left open, or why none ran. */
export interface SpecDraftClarification {
  answered: Array<{ question: string; answer: string }>;
  /** Questions the answers file did not answer: they stay in the spec as clarification markers. */
  open: string[];
  /** Set when the model failed; the interview is never lost for it. */
  skipped?: string;
}

/**
 * The model-backed step of `jig spec new`: the reviewer model proposes up
 * to 5 multiple-choice questions about gaps in the draft, and the person
 * (terminal or answers file) answers them. An answers file cannot know the
 * model's questions in advance, so one it does not answer stays open instead
 * of failing the run; a failing model skips the step and says why.
 */
export async function clarifySpecDraft(options: {
  reviewer: ModelId;
  config: JigConfig;
  env: Readonly<Record<string, string | undefined>>;
  /** The repository root: the model cache and cassettes live under it. */
  cwd: string;
  inner: Interviewer;
  draft: SpecDraft;
}): Promise<SpecDraftClarification> {
  const client = createConfiguredModelClient(options.reviewer, {
    config: options.config,
    env: options.env,
    cwd: options.cwd,
  });
  const open: string[] = [];
  const unanswered = "\u0000unanswered";
  const tolerant: Interviewer = {
    async ask(question) {
      try {
        return await options.inner.ask(question);
      } catch (error) {
        if (!(error instanceof UsageError) || error.code !== "spec/missing-answer") throw error;
        open.push(question.message);
        return unanswered;
      }
    },
  };
  try {
    const clarified = await createModelInterviewer({ client, inner: tolerant }).clarify(
      options.draft,
    );
    return { answered: clarified.filter((item) => item.answer !== unanswered), open };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return { answered: [], open: [], skipped: (error as Error).message };
  }
}
