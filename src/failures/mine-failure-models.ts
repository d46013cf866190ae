import type { JigConfig } from "../config/index.js";
import { createModelIncidentMiner, resolveMinerModel } from "./create-model-incident-miner.js";
import { mineIncident } from "./mine-incident.js";
import { vetAndWrite } from "./vet-and-write.js";
import type { CandidateEntry, CandidateVerdict } from "./vet-candidate.js";

/** What mining one incident produced: the model's proposals, each vetted, and the files written. */
export interface MiningResult {
  modelId: string;
  candidates: CandidateEntry[];
  verdicts: CandidateVerdict[];
  written: string[];
}

/**
 * `jig failures mine`: ask the miner model (`--model`, JIG_REVIEW_MODEL or
 * models.reviewer) for failure models in an incident write-up, vet each
 * proposal by running its own examples, and append the accepted ones to
 * the catalog (unless `dryRun`). A detector is required: prose-only
 * proposals from a model are rejected.
 */
export async function mineFailureModels(options: {
  root: string;
  config: JigConfig;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  incidentText: string;
  model?: string | undefined;
  dryRun?: boolean | undefined;
}): Promise<MiningResult> {
  const { root, config, cwd } = options;
  const modelId = resolveMinerModel(config, options.env, options.model);
  const miner = createModelIncidentMiner({ modelId, config, env: options.env, cwd: root });
  const candidates = await mineIncident(options.incidentText, miner);
  const { verdicts, written } = await vetAndWrite(candidates, {
    root,
    config,
    cwd,
    requireDetector: true,
    ...(options.dryRun ? { dryRun: true } : {}),
  });
  return { modelId, candidates, verdicts, written };
}
