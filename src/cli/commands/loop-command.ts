import { Command } from "commander";
import { runCheck } from "../../check/index.js";
import { type LoopEvent, runLoop } from "../../loop/index.js";
import type { CliContext } from "../cli-context.js";
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
      const result = await runLoop({
        cwd: context.cwd,
        coder: flags.coder,
        maxIterations: flags.maxIterations,
        spec: flags.spec,
        base: flags.base,
        noAi: !flags.ai,
        noCache: !flags.cache,
        maxCostUsd: flags.maxCost,
        env: context.env,
        version: context.version,
        now: context.now,
        check: runCheck,
        onEvent: (event) => {
          for (const line of describeLoopEvent(event)) context.stdout.write(`${line}\n`);
        },
        // The coder's chatter goes to stderr so stdout stays the loop's progress.
        onCoderOutput: (text) => context.stderr.write(text),
      });
      context.exitCode = result.outcome === "pass" ? 0 : 3;
    });
}

/** The progress lines of one loop event. */
function describeLoopEvent(event: LoopEvent): string[] {
  switch (event.type) {
    case "loop-start":
      return [
        `jig loop ${event.loopId}: coder \`${event.coder}\`, up to ${event.maxIterations} round(s)`,
      ];
    case "round-finish": {
      const { round, maxIterations } = event;
      const name =
        round.round === 0 ? "check before the coder" : `round ${round.round}/${maxIterations}`;
      const cost = round.costUsd > 0 ? `, $${round.costUsd.toFixed(4)}` : "";
      return [
        `${name}: ${round.outcome} (run ${round.runId}, ${round.findings.length} finding(s)${cost})`,
        ...round.reasons.map((reason) => `  - ${reason}`),
      ];
    }
    case "coder-start":
      return [
        `round ${event.round}/${event.maxIterations}: running the coder (prompt: ${event.promptPath})`,
      ];
    case "coder-finish":
      return event.exitCode === 0 ? [] : [`  coder exited with ${event.exitCode}`];
    case "loop-pass":
      return [`jig loop: the gate passes after ${event.rounds} round(s)`];
    case "loop-escalate":
      return [`jig loop: ${event.escalation.summary}; a human takes over from ${event.path}`];
  }
}
