import type { CriterionResult, Usage } from "../contract/index.js";
import type { Change } from "../core/change.js";
import type { FindingDraft } from "../core/finding.js";
import type { ModelClient } from "../models/index.js";
import type { Spec } from "../spec/spec.js";
import type { ReviewContext } from "./assemble-review-context.js";
import { buildReviewPrompt } from "./build-review-prompt.js";
import { interpretReviewOutput } from "./interpret-review-output.js";
import { planReviewGroups, type UnreviewedFile } from "./plan-review-groups.js";
import { type ReviewOutput, reviewOutputSchema } from "./review-output.js";

export interface ReviewCoverage {
  files: { reviewed: number; total: number };
  changedLines: { reviewed: number; total: number };
  unreviewed: UnreviewedFile[];
  groups: number;
}

export interface ReviewResult {
  findings: FindingDraft[];
  outside: FindingDraft[];
  criteria: CriterionResult[];
  coverage: ReviewCoverage;
  usage: Usage;
  /** How many groups were answered by the model, the cache or a cassette. */
  sources: { model: number; cache: number; cassette: number };
  lowConfidence: number;
}

export interface RunReviewOptions {
  context: ReviewContext;
  change: Change;
  spec?: Spec | undefined;
  client: ModelClient;
  minConfidence: number;
  maxPromptTokens: number;
  /** Per-run random delimiter; injectable for tests. */
  nonce: () => string;
  onGroup?: (index: number, total: number) => void;
}

/**
 * Review a change with the model behind `client`: plan file groups that fit
 * the token budget, ask the model once per group for structured findings,
 * and merge the answers. Model errors propagate (the layer turns them into
 * an `error` status): a review that did not happen is never a pass.
 */
export async function runReview(options: RunReviewOptions): Promise<ReviewResult> {
  const { context } = options;
  const plan = planReviewGroups(context, options.maxPromptTokens);
  const outputs: ReviewOutput[] = [];
  const sources = { model: 0, cache: 0, cassette: 0 };
  const usage: Usage = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  const nonce = options.nonce();
  for (const [index, group] of plan.groups.entries()) {
    options.onGroup?.(index + 1, plan.groups.length);
    const label =
      plan.groups.length === 1 ? "complete" : `file group ${index + 1} of ${plan.groups.length}`;
    const prompt = buildReviewPrompt(context, group, nonce, label);
    const result = await options.client.generateObject({
      purpose: "review",
      schema: reviewOutputSchema,
      schemaName: "jig_review",
      system: prompt.system,
      prompt: prompt.prompt,
      keyMaterial: prompt.keyMaterial,
      maxOutputTokens: 8000,
    });
    outputs.push(result.object);
    sources[result.source] += 1;
    usage.calls += result.calls;
    usage.inputTokens += result.inputTokens;
    usage.outputTokens += result.outputTokens;
    usage.costUsd = Math.round((usage.costUsd + result.costUsd) * 1e6) / 1e6;
  }
  const interpreted = interpretReviewOutput(
    outputs,
    options.change,
    options.spec,
    options.minConfidence,
  );
  const unreviewedLines = plan.unreviewed.reduce((sum, item) => sum + item.changedLines, 0);
  const wholeFilesSkipped = new Set(
    plan.unreviewed.filter((item) => !item.path.includes(":")).map((item) => item.path),
  );
  return {
    findings: interpreted.findings,
    outside: interpreted.outside,
    criteria: interpreted.criteria,
    coverage: {
      files: {
        reviewed: context.totals.files - wholeFilesSkipped.size,
        total: context.totals.files,
      },
      changedLines: {
        reviewed: context.totals.changedLines - unreviewedLines,
        total: context.totals.changedLines,
      },
      unreviewed: plan.unreviewed,
      groups: plan.groups.length,
    },
    usage,
    sources,
    lowConfidence: interpreted.lowConfidence,
  };
}

/** One line stating what the review covered, for notes and reports. */
export function describeCoverage(coverage: ReviewCoverage): string {
  const base = `coverage: ${coverage.files.reviewed}/${coverage.files.total} files, ${coverage.changedLines.reviewed}/${coverage.changedLines.total} changed lines reviewed in ${coverage.groups} model call${coverage.groups === 1 ? "" : "s"}`;
  if (coverage.unreviewed.length === 0) return base;
  return `${base}; not reviewed: ${coverage.unreviewed.map((item) => `${item.path} (${item.reason})`).join(", ")}`;
}
