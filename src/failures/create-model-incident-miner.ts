import { z } from "zod";
import type { JigConfig } from "../config/index.js";
import { ExitCode, JigError, UsageError } from "../core/index.js";
import type { ModelClient } from "../models/index.js";
// Deep import on purpose: roles are pure, while models/index.ts loads the AI
// SDK, which only mining needs, and only once it mines.
import { resolveModelRoles } from "../models/model-roles.js";
import { failureModelSchema } from "./catalog-schema.js";
import type { CandidateEntry, IncidentMiner } from "./vet-candidate.js";

const proposalSchema = z.object({
  candidates: z.array(failureModelSchema.extend({ domain: z.string() })).max(5),
});

const SYSTEM = `You mine failure models from incident write-ups for jig, a verification gate for AI-written code.
A failure model records one specific, recurring way code or a coding agent goes wrong, so it can be caught in future diffs.
Generic advice ("be careful with migrations") is worthless: each entry must name a concrete trigger and a concrete code pattern.
For each entry give: id (FM-<AREA>-<NNN>, e.g. FM-INT-101), domain (kebab-case), title, severity (critical|high|medium|low),
appliesTo (path globs), trigger, symptoms (list), fix, source (the incident class), tags, and a deterministic detector:
detect.added / detect.removed / detect.absent are JavaScript regexes (no nested quantifiers; a leading (?i) for case-insensitive);
detect.fileDeleted: true; or detect.ast with an ast-grep rule. Several detect keys must all hold in the same file.
For a removed guard, pair detect.removed with detect.unlessAdded (a regex; an added line matching it cancels the removal) and detect.skipTestFiles: true.
detect.unsafeRegex: true finds added regexes in code with catastrophic backtracking.
examples.bad are snippets of added lines the detector must match (or {before, after} pairs for removed), examples.good snippets it must not match.
Propose at most 5 entries; propose none if the incident has no detectable code pattern.`;

/**
 * Mining failed because of the model's answer, not because of jig: it did
 * not fit the proposal schema even when re-asked with the errors (or was not
 * JSON at all). Exit 1, like any other mining that produced nothing usable;
 * `jig review` records the same failure as a layer error.
 */
export class IncidentMiningError extends JigError {
  readonly modelId: string;
  constructor(modelId: string, problems: string, options?: { cause?: unknown }) {
    super(
      "failures/invalid-proposals",
      `${modelId} did not answer with valid failure-model proposals, also when shown the errors: ${problems}; nothing was written`,
      { cause: options?.cause, exitCode: ExitCode.fail },
    );
    this.name = "IncidentMiningError";
    this.modelId = modelId;
  }
}

/**
 * The model-backed miner: one structured-output call to the reviewer model.
 * Its proposals are untrusted; the caller vets each one by running its own
 * examples before anything is written.
 *
 * @throws IncidentMiningError when the model's answer does not fit the schema.
 */
export function createModelIncidentMiner(options: {
  modelId: string;
  config: JigConfig;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}): IncidentMiner {
  let client: ModelClient | undefined;
  return {
    async propose(incidentText) {
      const models = await import("../models/index.js");
      client ??= models.createConfiguredModelClient(options.modelId, {
        config: options.config,
        env: options.env,
        cwd: options.cwd,
      });
      try {
        const result = await client.generateObject({
          purpose: "mine",
          schema: proposalSchema,
          schemaName: "failure_model_proposals",
          system: SYSTEM,
          prompt: `Incident write-up:\n<incident>\n${incidentText}\n</incident>`,
          keyMaterial: { incidentText, version: 1 },
        });
        return result.object.candidates as CandidateEntry[];
      } catch (error) {
        if (error instanceof models.ModelOutputError)
          throw new IncidentMiningError(error.modelId, error.problems, { cause: error });
        throw error;
      }
    },
  };
}

/**
 * The model to mine with: `--model`, else `JIG_REVIEW_MODEL`, else
 * `models.reviewer`. None configured is a usage error (exit 2) that says how
 * to configure one.
 */
export function resolveMinerModel(
  config: JigConfig,
  env: Readonly<Record<string, string | undefined>>,
  flag: string | undefined,
): string {
  const roles = resolveModelRoles(config, env, { reviewer: flag });
  if (!roles.reviewer) {
    throw new UsageError(
      "no model configured for mining: pass --model provider:model, set JIG_REVIEW_MODEL, or set models.reviewer in jig.config.yaml (e.g. anthropic:claude-sonnet-4-5)",
      { code: "failures/no-model" },
    );
  }
  return roles.reviewer.id;
}
