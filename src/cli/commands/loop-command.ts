import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative } from "node:path";
import { Command } from "commander";
import { loadConfig } from "../../config/index.js";
import type { Report } from "../../contract/index.js";
import { UsageError } from "../../core/errors.js";
import { loadCatalog } from "../../failures/index.js";
import { createDefaultLayers, type Layer } from "../../gate/index.js";
import { createReviewLayer } from "../../gate/layers/review-layer.js";
import { findRepoRoot, runGitResult } from "../../git/index.js";
import { resolveModelRoles } from "../../models/index.js";
import { readSpecFile } from "../../spec/index.js";
import { generateRunId, openJigDatabase } from "../../store/index.js";
import type { CliContext } from "../cli-context.js";
import { runCheck } from "../run-check.js";
import {
  describeEscalation,
  type Escalation,
  type EscalationReason,
  escalationReason,
  type LoopRound,
  renderEscalationMarkdown,
} from "./loop-escalation.js";
import { type CitedFailureModel, renderLoopPrompt } from "./loop-prompt.js";
import { parseMaxCost, parsePositiveInteger } from "./review-options.js";

interface LoopFlags {
  coder?: string;
  maxIterations?: number;
  spec?: string;
  base?: string;
  ai: boolean;
  cache: boolean;
  maxCost?: number;
}

/**
 * `jig loop`: gate → coder → gate … until the gate passes (exit 0) or the
 * loop escalates to a human (exit 3) with `.jig/escalations/<id>.md|json`.
 */
export function createCommand(context: CliContext): Command {
  return new Command("loop")
    .description(
      "Run the coding agent and the gate in turn until clean; escalate to a human after N rounds",
    )
    .option(
      "--coder <command>",
      "shell command of the coding agent; gets the prompt on stdin and in $JIG_PROMPT_FILE",
    )
    .option(
      "--max-iterations <n>",
      "coder rounds before escalating (default: loop.maxIterations, 5)",
      parsePositiveInteger,
    )
    .option("--spec <id>", "the spec the change implements, e.g. SPEC-0007")
    .option("--base <rev>", "start of the change (default: merge-base with the default branch)")
    .option("--no-ai", "skip the AI review layer in every round")
    .option("--no-cache", "bypass the model cache")
    .option(
      "--max-cost <usd>",
      "stop when model spending across rounds would exceed this many US dollars",
      parseMaxCost,
    )
    .addHelpText(
      "after",
      `
Examples:
  jig loop --coder "claude -p --permission-mode acceptEdits" --spec SPEC-0007
  jig loop --coder 'codex exec --full-auto "$(cat "$JIG_PROMPT_FILE")"'
  jig loop --coder 'aider --yes-always --message-file "$JIG_PROMPT_FILE"' --max-iterations 3

Exit codes: 0 the gate passes, 3 escalated to a human (see .jig/escalations/), 2 usage error.`,
    )
    .action(async (flags: LoopFlags) => {
      context.exitCode = await runLoop(context, flags);
    });
}

async function runLoop(context: CliContext, flags: LoopFlags): Promise<number> {
  const repoRoot = await findRepoRoot(context.cwd);
  const { config } = await loadConfig(repoRoot, { cwd: context.cwd });
  resolveModelRoles(config, context.env);
  const coder = flags.coder ?? config.loop.coder;
  if (!coder) {
    throw new UsageError(
      'jig loop needs a coder: pass --coder "<command>" or set loop.coder in jig.config.yaml',
      {
        code: "loop/no-coder",
      },
    );
  }
  const maxIterations = flags.maxIterations ?? config.loop.maxIterations;
  const loopId = generateRunId(context.now(), () => randomBytes(4).readUInt32BE() / 2 ** 32);
  const loopDir = join(repoRoot, ".jig", "loop", loopId);
  await mkdir(loopDir, { recursive: true });
  const say = (text: string) => context.stdout.write(`${text}\n`);
  const rounds: LoopRound[] = [];
  let spent = 0;
  say(`jig loop ${loopId}: coder \`${coder}\`, up to ${maxIterations} round(s)`);
  for (let round = 0; ; round += 1) {
    const layers = loopLayers(context, flags, spent);
    const report = await runCheck({
      cwd: repoRoot,
      base: flags.base,
      spec: flags.spec,
      envSpec: context.env.JIG_SPEC,
      noAi: !flags.ai,
      noCache: !flags.cache,
      version: context.version,
      now: context.now,
      layers,
    });
    const cost = report.layers.reduce((sum, layer) => sum + (layer.usage?.costUsd ?? 0), 0);
    spent += cost;
    const entry: LoopRound = {
      round,
      runId: report.run.id,
      outcome: report.verdict.outcome,
      reasons: report.verdict.reasons.filter(
        (reason) => !reason.startsWith("skipped (not checked)"),
      ),
      findings: report.findings.map(({ ruleId, severity, file, line, title, layer }) => ({
        ruleId,
        severity,
        title,
        layer,
        ...(file ? { file } : {}),
        ...(line ? { line } : {}),
      })),
      diffstat: await diffstat(repoRoot, report.range.base),
      costUsd: cost,
    };
    rounds.push(entry);
    say(
      `${round === 0 ? "check before the coder" : `round ${round}/${maxIterations}`}: ${report.verdict.outcome} (run ${report.run.id}, ${report.findings.length} finding(s)${cost > 0 ? `, $${cost.toFixed(4)}` : ""})`,
    );
    for (const reason of entry.reasons) say(`  - ${reason}`);
    if (report.verdict.outcome === "pass") {
      say(`jig loop: the gate passes after ${round} round(s)`);
      return 0;
    }
    const budgetHit = report.layers.some((layer) => layer.error?.includes("--max-cost"));
    const reason: EscalationReason | undefined = budgetHit
      ? "budget"
      : escalationReason(rounds, maxIterations);
    if (reason)
      return escalate({ context, repoRoot, config, loopId, coder, reason, rounds, report, spent });
    const promptFile = join(loopDir, `round-${round + 1}.md`);
    const prompt = renderLoopPrompt({
      round: round + 1,
      maxIterations,
      report,
      spec: await citedSpec(report, repoRoot),
      failureModels: await citedFailureModels(report, repoRoot, config),
      boundaries: await readBoundaries(repoRoot, config.review.instructions),
    });
    await writeFile(promptFile, prompt);
    say(
      `round ${round + 1}/${maxIterations}: running the coder (prompt: ${relative(repoRoot, promptFile)})`,
    );
    const exitCode = await runCoder(coder, prompt, {
      cwd: repoRoot,
      env: {
        ...context.env,
        JIG_PROMPT_FILE: promptFile,
        JIG_LOOP_ROUND: String(round + 1),
        JIG_LOOP_ID: loopId,
      },
      stderr: context.stderr,
    });
    entry.coderExitCode = exitCode;
    if (exitCode !== 0) say(`  coder exited with ${exitCode}`);
  }
}

function loopLayers(context: CliContext, flags: LoopFlags, spent: number): Layer[] {
  const remaining =
    flags.maxCost === undefined ? undefined : Math.max(flags.maxCost - spent, 0.000001);
  return createDefaultLayers({ env: context.env }).map((layer) =>
    layer.name === "review"
      ? createReviewLayer({ env: context.env, maxCostUsd: remaining })
      : layer,
  );
}

interface EscalateInput {
  context: CliContext;
  repoRoot: string;
  config: Awaited<ReturnType<typeof loadConfig>>["config"];
  loopId: string;
  coder: string;
  reason: EscalationReason;
  rounds: LoopRound[];
  report: Report;
  spent: number;
}

async function escalate(input: EscalateInput): Promise<number> {
  const { repoRoot, config, report } = input;
  const spec = await citedSpec(report, repoRoot);
  const coderRounds = input.rounds.filter((round) => round.round > 0).length;
  const escalation: Escalation = {
    schema: "jig.escalation/v1",
    id: input.loopId,
    createdAt: input.context.now().toISOString(),
    reason: input.reason,
    summary: describeEscalation(input.reason, coderRounds),
    coder: input.coder,
    remainingFindings: report.findings,
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
  const dir = join(repoRoot, ".jig", "escalations");
  await mkdir(dir, { recursive: true });
  const markdownPath = join(dir, `${input.loopId}.md`);
  await writeFile(join(dir, `${input.loopId}.json`), `${JSON.stringify(escalation, null, 2)}\n`);
  await writeFile(markdownPath, renderEscalationMarkdown(escalation));
  const storePath = isAbsolute(config.store.path)
    ? config.store.path
    : join(repoRoot, config.store.path);
  const db = openJigDatabase(storePath);
  try {
    db.prepare(
      `INSERT INTO escalations (id, created_at, reason, rounds, spec_id, last_run_id, cost_usd, path, detail_json)
       VALUES (@id, @createdAt, @reason, @rounds, @specId, @lastRunId, @cost, @path, @detail)`,
    ).run({
      id: escalation.id,
      createdAt: escalation.createdAt,
      reason: escalation.reason,
      rounds: coderRounds,
      specId: escalation.spec?.id ?? null,
      lastRunId: report.run.id,
      cost: escalation.totalCostUsd,
      path: relative(repoRoot, markdownPath),
      detail: JSON.stringify(escalation),
    });
  } finally {
    db.close();
  }
  input.context.stdout.write(
    `jig loop: ${escalation.summary}; a human takes over from ${relative(repoRoot, markdownPath)}\n`,
  );
  return 3;
}

async function citedSpec(report: Report, repoRoot: string) {
  if (!report.spec) return undefined;
  try {
    return (await readSpecFile(join(repoRoot, report.spec.path), repoRoot)).spec;
  } catch {
    return undefined;
  }
}

async function citedFailureModels(
  report: Report,
  repoRoot: string,
  config: EscalateInput["config"],
): Promise<CitedFailureModel[]> {
  const cited = new Set(
    report.findings.map((finding) => finding.ruleId).filter((id) => id.startsWith("FM-")),
  );
  if (cited.size === 0) return [];
  try {
    const catalog = await loadCatalog({ repoRoot, config });
    return catalog.entries
      .filter((entry) => cited.has(entry.id))
      .map(({ id, title, trigger, symptoms, fix }) => ({ id, title, trigger, symptoms, fix }));
  } catch {
    return [];
  }
}

async function readBoundaries(repoRoot: string, names: readonly string[]) {
  const found: Array<{ path: string; text: string }> = [];
  for (const name of names) {
    try {
      found.push({
        path: name,
        text: (await readFile(join(repoRoot, name), "utf8")).slice(0, 16_384),
      });
    } catch {
      // Not every project has instruction files.
    }
  }
  return found;
}

async function diffstat(repoRoot: string, base: string): Promise<string> {
  const result = await runGitResult(["diff", "--stat", base], repoRoot);
  return result.exitCode === 0 ? result.stdout : "";
}

function runCoder(
  command: string,
  prompt: string,
  options: { cwd: string; env: Record<string, string | undefined>; stderr: CliContext["stderr"] },
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    // The coder's chatter goes to stderr so stdout stays the loop's progress.
    child.stdout.on("data", (chunk: Buffer) => options.stderr.write(chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => options.stderr.write(chunk.toString("utf8")));
    child.stdin.on("error", () => {
      // A coder that ignores stdin closes it early; that is fine.
    });
    child.on("error", () => resolve(127));
    child.on("close", (code) => resolve(code ?? 1));
    child.stdin.end(prompt);
  });
}
