import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { type JigConfig, loadConfig } from "../config/index.js";
import type { Report } from "../contract/index.js";
import { UsageError } from "../core/errors.js";
import { createDefaultLayers, type Layer } from "../gate/index.js";
import { findRepoRoot, runGitResult } from "../git/index.js";
import { checkModelSetup } from "../models/check-model-setup.js";
import type { ModelEnv } from "../models/model-roles.js";
import { generateRunId } from "../store/index.js";
import { type Escalation, type LoopRound, stopReason } from "./escalation-reason.js";
import { citedFailureModels, citedSpec, readBoundaries } from "./gather-prompt-input.js";
import { recordEscalationEvidence } from "./record-escalation-evidence.js";
import { describeEscalation } from "./render-escalation-markdown.js";
import { renderLoopPrompt } from "./render-loop-prompt.js";
import { runCoder } from "./run-coder.js";
import { writeEscalation } from "./write-escalation.js";

/** What the loop asks of the check pipeline each round. */
export interface LoopCheckOptions {
  cwd: string;
  base?: string | undefined;
  spec?: string | undefined;
  envSpec?: string | undefined;
  env: ModelEnv;
  noAi: boolean;
  noCache: boolean;
  version: string;
  now: () => Date;
  layers: Layer[];
  /** Who made the uncommitted changes, once the coder has run: its edits carry no commit. */
  uncommittedBy?: string | undefined;
}

/**
 * The check pipeline (`runCheck` from `check/`), handed in by the caller so
 * the loop stays a domain of its own beneath the pipeline it drives.
 */
export type LoopCheck = (options: LoopCheckOptions) => Promise<Report>;

/** Progress, noun-verb, for the CLI to print; the loop itself never formats output. */
export type LoopEvent =
  | { type: "loop-start"; loopId: string; coder: string; maxIterations: number }
  | { type: "round-finish"; round: LoopRound; maxIterations: number }
  /** `promptPath` is relative to the repository root. */
  | { type: "coder-start"; round: number; maxIterations: number; promptPath: string }
  | { type: "coder-finish"; round: number; exitCode: number }
  | { type: "loop-pass"; rounds: number }
  /** `path` (the escalation's Markdown) is relative to the repository root. */
  | { type: "loop-escalate"; escalation: Escalation; path: string };

export type LoopResult =
  | { outcome: "pass"; loopId: string; rounds: LoopRound[] }
  | { outcome: "escalated"; loopId: string; rounds: LoopRound[]; escalation: Escalation };

export interface RunLoopOptions {
  cwd: string;
  /** `--coder`; defaults to `loop.coder` in the config. */
  coder?: string | undefined;
  /** `--max-iterations`; defaults to `loop.maxIterations`. */
  maxIterations?: number | undefined;
  spec?: string | undefined;
  base?: string | undefined;
  noAi?: boolean;
  noCache?: boolean;
  /** `--max-cost`: model spending across every round, in USD. */
  maxCostUsd?: number | undefined;
  /** The process environment: model ids, keys, cassettes, `JIG_SPEC`; the coder inherits it. */
  env: ModelEnv;
  version: string;
  now: () => Date;
  check: LoopCheck;
  onEvent?: (event: LoopEvent) => void;
  /** The coder's own output, as it arrives. */
  onCoderOutput?: (text: string) => void;
}

/**
 * `jig loop`: gate → prompt → coder → gate … until the gate passes or the
 * loop escalates to a human (`stopReason`) with `.jig/escalations/<id>.md`
 * and `.json`. Each round is a recorded check; each prompt is kept under
 * `.jig/loop/<id>/`.
 *
 * @throws UsageError when no coder is configured or the model set-up is wrong (exit 2, before any round).
 */
export async function runLoop(options: RunLoopOptions): Promise<LoopResult> {
  const repoRoot = await findRepoRoot(options.cwd);
  const { config } = await loadConfig(repoRoot, { cwd: options.cwd });
  checkModelSetup(config, options.env);
  const coder = options.coder ?? config.loop.coder;
  if (!coder) {
    throw new UsageError(
      'no coder to run: pass --coder "<command>" or set loop.coder in jig.config.yaml',
      { code: "loop/no-coder" },
    );
  }
  const maxIterations = options.maxIterations ?? config.loop.maxIterations;
  const loopId = generateRunId(options.now(), () => randomBytes(4).readUInt32BE() / 2 ** 32);
  const loopDir = join(repoRoot, ".jig", "loop", loopId);
  await mkdir(loopDir, { recursive: true });
  const emit = options.onEvent ?? (() => {});
  emit({ type: "loop-start", loopId, coder, maxIterations });
  const rounds: LoopRound[] = [];
  let spent = 0;
  for (let round = 0; ; round += 1) {
    const report = await options.check({
      cwd: repoRoot,
      base: options.base,
      spec: options.spec,
      envSpec: options.env.JIG_SPEC,
      env: options.env,
      noAi: options.noAi ?? false,
      noCache: options.noCache ?? false,
      version: options.version,
      now: options.now,
      layers: loopLayers(options, spent),
      // From the second round on, the working tree holds the coder's edits.
      ...(round > 0 ? { uncommittedBy: `${coder} (the coder of jig loop)` } : {}),
    });
    const entry = await roundOf(report, round, repoRoot);
    spent += entry.costUsd;
    rounds.push(entry);
    emit({ type: "round-finish", round: entry, maxIterations });
    if (report.verdict.outcome === "pass") {
      emit({ type: "loop-pass", rounds: round });
      return { outcome: "pass", loopId, rounds };
    }
    const reason = stopReason(report.layers, rounds, maxIterations);
    if (reason) {
      const escalation = await buildEscalation({
        repoRoot,
        createdAt: options.now(),
        loopId,
        coder,
        reason,
        rounds,
        report,
        spent,
      });
      const path = await writeEscalation({
        repoRoot,
        config,
        env: options.env,
        escalation,
        rounds: coderRounds(rounds),
        lastRunId: report.run.id,
      });
      // Evidence for boundary sensing: an escalation counts against the classes the change touched.
      recordEscalationEvidence({ repoRoot, config, env: options.env, coder, escalation, report });
      emit({ type: "loop-escalate", escalation, path: relative(repoRoot, path) });
      return { outcome: "escalated", loopId, rounds, escalation };
    }
    const promptPath = join(loopDir, `round-${round + 1}.md`);
    const prompt = await promptFor({ round: round + 1, maxIterations, report, repoRoot, config });
    await writeFile(promptPath, prompt);
    emit({
      type: "coder-start",
      round: round + 1,
      maxIterations,
      promptPath: relative(repoRoot, promptPath),
    });
    entry.coderExitCode = await runCoder(coder, prompt, {
      cwd: repoRoot,
      env: {
        ...options.env,
        JIG_PROMPT_FILE: promptPath,
        JIG_LOOP_ROUND: String(round + 1),
        JIG_LOOP_ID: loopId,
      },
      onOutput: options.onCoderOutput ?? (() => {}),
    });
    emit({ type: "coder-finish", round: round + 1, exitCode: entry.coderExitCode });
  }
}

/** The default layers, with the review held to what is left of `--max-cost`. */
function loopLayers(options: RunLoopOptions, spent: number): Layer[] {
  const remaining =
    options.maxCostUsd === undefined ? undefined : Math.max(options.maxCostUsd - spent, 0.000001);
  return createDefaultLayers({ env: options.env, review: { maxCostUsd: remaining } });
}

/** A round as the escalation records it: the gate's answer, its cost and the change's diffstat. */
async function roundOf(report: Report, round: number, repoRoot: string): Promise<LoopRound> {
  return {
    round,
    runId: report.run.id,
    outcome: report.verdict.outcome,
    reasons: report.verdict.reasons.filter((reason) => !reason.startsWith("skipped (not checked)")),
    findings: report.findings.map(({ ruleId, severity, file, line, title, layer }) => ({
      ruleId,
      severity,
      title,
      layer,
      ...(file ? { file } : {}),
      ...(line ? { line } : {}),
    })),
    diffstat: await diffstat(repoRoot, report.range.base),
    costUsd: report.layers.reduce((sum, layer) => sum + (layer.usage?.costUsd ?? 0), 0),
  };
}

async function promptFor(input: {
  round: number;
  maxIterations: number;
  report: Report;
  repoRoot: string;
  config: JigConfig;
}): Promise<string> {
  const { report, repoRoot, config } = input;
  return renderLoopPrompt({
    round: input.round,
    maxIterations: input.maxIterations,
    report,
    spec: await citedSpec(report, repoRoot),
    failureModels: await citedFailureModels(report, repoRoot, config),
    boundaries: await readBoundaries(repoRoot, config.review.instructions),
  });
}

async function buildEscalation(input: {
  repoRoot: string;
  createdAt: Date;
  loopId: string;
  coder: string;
  reason: Escalation["reason"];
  rounds: LoopRound[];
  report: Report;
  spent: number;
}): Promise<Escalation> {
  const spec = await citedSpec(input.report, input.repoRoot);
  const escalation: Escalation = {
    schema: "jig.escalation/v1",
    id: input.loopId,
    createdAt: input.createdAt.toISOString(),
    reason: input.reason,
    summary: describeEscalation(input.reason, coderRounds(input.rounds)),
    coder: input.coder,
    remainingFindings: input.report.findings,
    rounds: input.rounds,
    totalCostUsd: Math.round(input.spent * 1e6) / 1e6,
  };
  if (spec) {
    escalation.spec = {
      id: spec.id,
      title: spec.title,
      path: spec.path,
      criteria: spec.criteria.map((item) => ({ id: item.id, text: item.text })),
    };
  }
  return escalation;
}

/** Coder rounds run: the check before the coder first ran is not one. */
function coderRounds(rounds: readonly LoopRound[]): number {
  return rounds.filter((round) => round.round > 0).length;
}

async function diffstat(repoRoot: string, base: string): Promise<string> {
  const result = await runGitResult(["diff", "--stat", base], repoRoot);
  return result.exitCode === 0 ? result.stdout : "";
}
