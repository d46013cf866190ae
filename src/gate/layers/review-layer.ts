import type { LayerResult } from "../../contract/index.js";
// model-roles directly: the models index loads the AI SDK, which only a configured reviewer needs.
import { chooseModelForRole } from "../../models/model-roles.js";
import type { GateContext, Layer } from "../layer.js";

/** How to make the review layer run; shown when it is skipped. */
const CONFIGURE_HINT =
  "no reviewer model is configured: set models.reviewer in jig.config.yaml (e.g. anthropic:claude-sonnet-4-5, openai:gpt-4.1, ollama:qwen2.5-coder, or command:claude -p --output-format json) or export JIG_REVIEW_MODEL; see docs/models.md";

export interface ReviewLayerOptions {
  /**
   * The environment, passed in by the CLI: JIG_REVIEW_MODEL, API keys,
   * JIG_CASSETTE/JIG_CASSETTE_MODE. Without it only config is used.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** `--model`: overrides the configured reviewer. */
  model?: string | undefined;
  /** `--max-cost` in USD. */
  maxCostUsd?: number | undefined;
  /** Passed through to the review (tests, `jig loop` cost accounting). */
  review?: Omit<
    import("../../review/index.js").ReviewForGateOptions,
    "env" | "model" | "maxCostUsd"
  >;
}

/**
 * Gate layer `review`: an independent model reviews the change against its
 * spec and the relevant failure models. Skipped, saying how to configure a
 * model, when no reviewer is set; skipped on purpose with `--no-ai`. The
 * model contributes findings and criteria; the verdict stays jig's.
 *
 * The AI SDK is imported only when a reviewer is configured, so `jig check`
 * without one pays nothing for it.
 */
export function createReviewLayer(options: ReviewLayerOptions = {}): Layer {
  return {
    name: "review",
    description: "An independent model reviews the diff against the spec and failure models",
    async run(context: GateContext): Promise<LayerResult> {
      if (context.options.noAi) {
        return {
          status: "skipped",
          findings: [],
          notes: [],
          skipReason: "skipped on purpose with --no-ai",
        };
      }
      const env = options.env ?? {};
      const configured = chooseModelForRole("reviewer", context.config, env, options.model);
      if (!configured) {
        return { status: "skipped", findings: [], notes: [], skipReason: CONFIGURE_HINT };
      }
      if (context.change.files.length === 0) {
        return {
          status: "passed",
          findings: [],
          notes: ["the change is empty: nothing to review"],
        };
      }
      const { reviewForGate } = await import("../../review/index.js");
      return reviewForGate(context, {
        ...options.review,
        env,
        model: options.model,
        maxCostUsd: options.maxCostUsd,
      });
    },
  };
}
