import { randomBytes } from "node:crypto";
import type { JigConfig } from "../config/config-schema.js";
import type { LayerResult } from "../contract/index.js";
import type { Change } from "../core/change.js";
import { JigError } from "../core/errors.js";
import type { FindingDraft } from "../core/finding.js";
import { resolveStorePath } from "../core/resolve-store-path.js";
import {
  combineModelCallLogs,
  createConfiguredModelClient,
  createSqliteModelCallLog,
  type ModelCallLog,
  type ModelEnv,
  resolveModelRoles,
} from "../models/index.js";
import type { Spec } from "../spec/spec.js";
import { openStoreDatabase, resolveStoreUrl } from "../store/index.js";
import { assembleReviewContext } from "./assemble-review-context.js";
import { detectInjection } from "./detect-injection.js";
import { gatherReviewInput } from "./gather-review-input.js";
import { describeCoverage, runReview } from "./run-review.js";

/**
 * What the review needs from the gate's context. The gate's `GateContext`
 * satisfies it structurally, so the reviewer never imports the gate.
 */
export interface ReviewGateInput {
  cwd: string;
  change: Change;
  config: JigConfig;
  spec: { spec?: Spec };
  now: () => Date;
  options: { noCache?: boolean };
  signal?: AbortSignal;
}

export interface ReviewForGateOptions {
  /** Environment: JIG_REVIEW_MODEL/JIG_CODER_MODEL, API keys, JIG_CASSETTE*. */
  env: ModelEnv;
  /** `--model`: overrides the configured reviewer. */
  model?: string | undefined;
  /** `--max-cost`: overrides `review.maxCostUsd`. */
  maxCostUsd?: number | undefined;
  /** Extra call log (e.g. `jig loop` summing cost); the store always gets one. */
  log?: ModelCallLog | undefined;
  /** Per-run random delimiter; injectable for tests. */
  nonce?: () => string;
  fetch?: typeof globalThis.fetch;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/**
 * The review layer's work once a reviewer is configured: detect injections
 * deterministically, gather and assemble the context, call the model through
 * the configured client (cache, cassette, retries, cost), and turn its answer
 * into findings, criteria and notes. A failed review is an `error`, which
 * fails the gate: it is never a pass. Every model call attempt is written to
 * the store's `model_calls` table as it happens.
 */
export async function reviewForGate(
  context: ReviewGateInput,
  options: ReviewForGateOptions,
): Promise<LayerResult> {
  const { config, change } = context;
  const roles = resolveModelRoles(config, options.env, { reviewer: options.model });
  const reviewer = roles.reviewer;
  if (!reviewer) throw new Error("reviewForGate needs a configured reviewer model");
  const injection: FindingDraft[] = detectInjection(change, {
    allow: config.review.injectionAllow,
  });
  const notes: string[] = [];
  // Model calls go where the run is recorded: the team's Postgres store when set.
  const db = openStoreDatabase({
    path: resolveStorePath(context.cwd, config.store.path),
    url: resolveStoreUrl(config.store.url, options.env),
  });
  try {
    const client = createConfiguredModelClient(reviewer, {
      config,
      env: options.env,
      cwd: context.cwd,
      noCache: context.options.noCache,
      log: combineModelCallLogs(createSqliteModelCallLog(db), options.log),
      maxCostUsd: options.maxCostUsd ?? config.review.maxCostUsd,
      signal: context.signal,
      now: context.now,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
      ...(options.retryMaxMs !== undefined ? { retryMaxMs: options.retryMaxMs } : {}),
    });
    const spec = context.spec.spec;
    const gathered = await gatherReviewInput({ repoRoot: context.cwd, change, config, spec });
    notes.push(...gathered.notes);
    const reviewContext = assembleReviewContext(gathered.input);
    if (reviewContext.sanitized.invisible + reviewContext.sanitized.htmlComments > 0) {
      notes.push(
        `untrusted text sanitised before review: ${reviewContext.sanitized.invisible} invisible characters removed, ${reviewContext.sanitized.htmlComments} HTML comments replaced`,
      );
    }
    if (reviewContext.failureModelIds.length > 0) {
      notes.push(
        `failure models given to the reviewer: ${reviewContext.failureModelIds.join(", ")}`,
      );
    }
    let result: Awaited<ReturnType<typeof runReview>>;
    try {
      result = await runReview({
        context: reviewContext,
        change,
        spec,
        client,
        minConfidence: config.review.minConfidence,
        maxPromptTokens: config.review.maxPromptTokens,
        nonce: options.nonce ?? (() => randomBytes(12).toString("hex")),
      });
    } catch (error) {
      const usage = client.usage();
      return {
        status: "error",
        findings: injection,
        notes: [
          ...notes,
          `reviewer ${reviewer.id}: the review did not complete, so the change was not reviewed`,
        ],
        error: error instanceof Error ? error.message : String(error),
        // Typed, so `jig loop` can tell a spent --max-cost budget from a broken review.
        ...(error instanceof JigError ? { errorCode: error.code } : {}),
        usage,
      };
    }
    notes.unshift(
      describeSource(
        reviewer.id,
        result.sources,
        config.models.cassette ?? options.env.JIG_CASSETTE,
      ),
    );
    notes.push(describeCoverage(result.coverage));
    if (result.lowConfidence > 0) {
      notes.push(
        `${result.lowConfidence} finding(s) below review.minConfidence ${config.review.minConfidence} dropped`,
      );
    }
    for (const finding of result.outside) {
      notes.push(
        `outside the change (not blocking): ${finding.file ?? "?"}:${finding.line ?? "?"} [${finding.severity}] ${finding.title}`,
      );
    }
    if (result.usage.calls > 0) {
      notes.push(
        `usage: ${result.usage.calls} call(s), ${result.usage.inputTokens} input + ${result.usage.outputTokens} output tokens, $${result.usage.costUsd.toFixed(4)}`,
      );
    }
    const layerResult: LayerResult = {
      status: "passed",
      findings: [...injection, ...result.findings],
      notes,
      criteria: result.criteria,
      usage: result.usage,
    };
    if (result.coverage.unreviewed.length > 0) {
      layerResult.needsHuman = [
        `${result.coverage.changedLines.total - result.coverage.changedLines.reviewed} changed line(s) were too large for the reviewer's budget`,
      ];
    }
    return layerResult;
  } finally {
    db.close();
  }
}

function describeSource(
  modelId: string,
  sources: { model: number; cache: number; cassette: number },
  cassette: string | undefined,
): string {
  if (sources.cassette > 0 && sources.model === 0) {
    return `reviewer: ${modelId}, replayed from cassette ${cassette ?? ""} (no live model call was made)`;
  }
  if (sources.cache > 0 && sources.model === 0) {
    return `reviewer: ${modelId}, answered from the cache (.jig/cache, 0 model calls; --no-cache to call the model)`;
  }
  const kind = modelId.startsWith("command:")
    ? "call(s) to this command, used as the model"
    : "live model call(s)";
  return `reviewer: ${modelId} (${sources.model} ${kind}${sources.cache > 0 ? `, ${sources.cache} from cache` : ""})`;
}
