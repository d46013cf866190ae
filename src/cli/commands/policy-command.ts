import { Command } from "commander";
import {
  describeApprovalState,
  readPolicyWorkspace,
  testPolicyExamples,
  workspaceEngine,
} from "../../agents/index.js";
import { type CallExplanation, explainCall } from "../../agents/runtime/index.js";
import { ExitCode, formatProblem, UsageError } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";

/** `jig policy lint|test|explain`: the manifests' compiler, unit tests and debugger. */
export function createCommand(context: CliContext): Command {
  const command = new Command("policy").description(
    "Lint, test and explain the policy compiled from agents/",
  );
  command
    .command("lint")
    .description("Validate manifests (schema) and the compiled Cedar (parse and schema validation)")
    .action(async () => {
      const workspace = await readPolicyWorkspace(context.cwd, context.env);
      for (const problem of workspace.problems) context.stderr.write(`${formatProblem(problem)}\n`);
      // Warnings (a write glob over governance inputs, JIG-A004/A005) are shown, not fatal.
      const errors = workspace.problems.filter((problem) => problem.severity !== "warning");
      if (errors.length > 0) {
        context.exitCode = ExitCode.usage;
        return;
      }
      const agents = workspace.source.manifests.length;
      const policies = Object.keys(workspace.compiled.policies).length;
      const warnings = workspace.problems.length;
      context.stdout.write(
        `ok: ${agents} agent${agents === 1 ? "" : "s"}, ${policies} Cedar policies${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}\n`,
      );
    });
  command
    .command("test")
    .description("Run every manifest's examples.allow / deny / ask as unit tests")
    .option("--agent <name>", "only this agent's examples")
    .action(async (options: { agent?: string }) => {
      const workspace = await readPolicyWorkspace(context.cwd, context.env);
      const { engine } = await workspaceEngine(workspace);
      const results = testPolicyExamples(workspace, {
        engine,
        now: context.now,
        agent: options.agent,
      });
      for (const result of results) {
        const { decision } = result;
        context.stdout.write(
          `${result.ok ? "ok  " : "FAIL"} ${result.agent}: ${result.expected} ${result.tool} ${JSON.stringify(result.input)}${result.ok ? "" : ` -> ${decision.decision}: ${decision.reason}`}\n`,
        );
      }
      const failed = results.filter((result) => !result.ok).length;
      context.stdout.write(
        `${results.length - failed}/${results.length} examples behave as declared\n`,
      );
      context.exitCode = failed > 0 ? ExitCode.fail : ExitCode.pass;
    });
  command
    .command("explain")
    .description(
      "Decide one tool call as the hook would, without effects: the decision, the canonical form, the spec and approval state, and the policies that matched",
    )
    .requiredOption("--agent <name>", "agent making the call")
    .requiredOption("--tool <name>", "tool name, e.g. Bash or mcp__github__create_issue")
    .option("--input <json>", "tool input as JSON", "{}")
    .option("--assume-spec", "decide as if an approved spec were active, whatever the branch says")
    .option("--no-spec", "decide as if no approved spec were active")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `\nExample: jig policy explain --agent coder --tool Bash --input '{"command":"npm test"}'\n`,
    )
    .action(async (options: ExplainOptions, explain: Command) => {
      let input: unknown;
      try {
        input = JSON.parse(options.input);
      } catch (error) {
        throw new UsageError(`--input is not valid JSON: ${(error as Error).message}`);
      }
      const noSpec = explain.getOptionValueSource("spec") === "cli";
      if (noSpec && options.assumeSpec)
        throw new UsageError("--assume-spec and --no-spec contradict each other; pass one");
      const assumed = options.assumeSpec ? true : noSpec ? false : undefined;
      const explained = await explainCall({
        cwd: context.cwd,
        env: context.env,
        now: context.now,
        version: context.version,
        call: { agent: options.agent, tool: options.tool, input },
        ...(assumed === undefined ? {} : { specApproved: assumed }),
      });
      const assumptions = explainAssumptions(explained, assumed, context.env.JIG_SPEC);
      context.stdout.write(
        options.format === "json"
          ? `${JSON.stringify(explainJson(explained, assumptions), null, 2)}\n`
          : renderExplain(explained, assumptions),
      );
      const { decision } = explained.decision;
      context.exitCode =
        decision === "allow"
          ? ExitCode.pass
          : decision === "ask"
            ? ExitCode.needsHuman
            : ExitCode.fail;
    });
  return command;
}

interface ExplainOptions {
  agent: string;
  tool: string;
  input: string;
  assumeSpec?: boolean;
  spec: boolean;
  format: string;
}

/**
 * What explain took as given: the spec state (the hook's own check, unless
 * overridden) and JIG_SPEC, which the hook reads from the agent's
 * environment, not this shell's.
 */
function explainAssumptions(
  state: Pick<CallExplanation, "hookSeesSpec" | "requireSpec" | "branch">,
  assumed: boolean | undefined,
  jigSpec: string | undefined,
): string[] {
  const branch = state.branch === undefined ? "a detached HEAD" : `branch '${state.branch}'`;
  const seen = state.hookSeesSpec
    ? `an approved spec is active for ${branch}`
    : `no approved spec is active for ${branch}`;
  const denied =
    state.hookSeesSpec || !state.requireSpec
      ? ""
      : "; Edit, Write and MultiEdit outside specs.exempt are denied";
  const spec =
    assumed === undefined
      ? `spec: ${seen}, as the hook sees it (JIG_SPEC, then 'jig spec start', then the branch name)${denied}`
      : `spec: decided as if ${assumed ? "an approved spec were" : "no approved spec were"} active (${assumed ? "--assume-spec" : "--no-spec"}); the hook sees that ${seen}${assumed === state.hookSeesSpec ? "" : ", so it may decide otherwise"}`;
  const env = `JIG_SPEC: assumed the agent's environment has the same as this shell (${jigSpec === undefined ? "unset" : `'${jigSpec}'`})`;
  return [spec, env];
}

function explainJson({ decision, approval, policies }: CallExplanation, assumptions: string[]) {
  return {
    decision: decision.decision,
    reason: decision.reason,
    canonical: decision.canonical ?? null,
    policies: decision.policies.map((id) => ({ id, text: policies[id] ?? null })),
    ...(decision.code ? { code: decision.code } : {}),
    approval: approval ?? null,
    assumptions,
  };
}

function renderExplain(
  { decision, approval, policies }: CallExplanation,
  assumptions: string[],
): string {
  const lines = [`decision: ${decision.decision}`, `reason:   ${decision.reason}`];
  if (!decision.canonical)
    lines.push(`canonical: refused before policy (${decision.code ?? "refused"})`);
  else {
    const call = decision.canonical;
    lines.push(
      `canonical: ${call.action} ${call.resource.type}::${JSON.stringify(call.resource.id)}`,
    );
  }
  if (approval) {
    lines.push(
      `approval: ${approval.id}, ${describeApprovalState(approval)}, for this exact call${approval.status === "approved" ? " (explain did not use it)" : ""}`,
    );
  } else if (decision.decision === "ask") {
    lines.push(
      "approval: none covers this exact call; the hook would request one (explain did not)",
    );
  }
  for (const assumption of assumptions) lines.push(`assumed:  ${assumption}`);
  if (decision.policies.length === 0) lines.push("policies: none matched");
  for (const id of decision.policies)
    lines.push(`policy ${id}:`, `  ${policies[id] ?? "(unknown)"}`);
  return `${lines.join("\n")}\n`;
}
