import { Command } from "commander";
import {
  type Approval,
  describeApprovalState,
  type GuardDecision,
  readPolicyWorkspace,
  testPolicyExamples,
  workspaceEngine,
} from "../../agents/index.js";
import { callKey, openGuardEnvironment } from "../../agents/runtime/index.js";
import { ExitCode, formatProblem, UsageError } from "../../core/index.js";
import { readHeadBranch } from "../../git/index.js";
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
      if (workspace.problems.length > 0) {
        context.exitCode = ExitCode.usage;
        return;
      }
      const agents = workspace.source.manifests.length;
      const policies = Object.keys(workspace.compiled.policies).length;
      context.stdout.write(
        `ok: ${agents} agent${agents === 1 ? "" : "s"}, ${policies} Cedar policies\n`,
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
      // The hook's own environment and guard, in dry-run: nothing requested, used or audited.
      const environment = await openGuardEnvironment({
        cwd: context.cwd,
        env: context.env,
        now: context.now,
        adapter: "policy-explain",
        version: context.version,
        guard: { dryRun: true, ...(assumed === undefined ? {} : { specApproved: assumed }) },
      });
      try {
        const decision = environment.guard.check({
          agent: options.agent,
          tool: options.tool,
          input,
        });
        const approval = decision.canonical
          ? environment.approvals.find(options.agent, callKey(decision.canonical), context.now())
          : undefined;
        const explained: Explained = {
          decision,
          approval,
          assumptions: explainAssumptions({
            hookSeesSpec: environment.specApproved,
            assumed,
            branch: readHeadBranch(environment.repoRoot),
            jigSpec: context.env.JIG_SPEC,
          }),
          policies: environment.compiled.policies,
        };
        context.stdout.write(
          options.format === "json"
            ? `${JSON.stringify(explainJson(explained), null, 2)}\n`
            : renderExplain(explained),
        );
        context.exitCode =
          decision.decision === "allow"
            ? ExitCode.pass
            : decision.decision === "ask"
              ? ExitCode.needsHuman
              : ExitCode.fail;
      } finally {
        environment.close();
      }
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

/** Everything `policy explain` reports about one call. */
interface Explained {
  decision: GuardDecision;
  /** The newest approval for exactly this call, read without using it. */
  approval: Approval | undefined;
  assumptions: string[];
  policies: Record<string, string>;
}

/**
 * What explain took as given: the spec state (the hook's own check, unless
 * overridden) and JIG_SPEC, which the hook reads from the agent's
 * environment, not this shell's.
 */
function explainAssumptions(state: {
  hookSeesSpec: boolean;
  assumed: boolean | undefined;
  branch: string | undefined;
  jigSpec: string | undefined;
}): string[] {
  const branch = state.branch === undefined ? "a detached HEAD" : `branch '${state.branch}'`;
  const seen = state.hookSeesSpec
    ? `an approved spec is active for ${branch}`
    : `no approved spec is active for ${branch}`;
  const spec =
    state.assumed === undefined
      ? `spec: ${seen}, as the hook sees it (JIG_SPEC, then 'jig spec start', then the branch name)${state.hookSeesSpec ? "" : "; Edit, Write and MultiEdit outside specs.exempt are denied"}`
      : `spec: decided as if ${state.assumed ? "an approved spec were" : "no approved spec were"} active (${state.assumed ? "--assume-spec" : "--no-spec"}); the hook sees that ${seen}${state.assumed === state.hookSeesSpec ? "" : ", so it may decide otherwise"}`;
  const env = `JIG_SPEC: assumed the agent's environment has the same as this shell (${state.jigSpec === undefined ? "unset" : `'${state.jigSpec}'`})`;
  return [spec, env];
}

function explainJson({ decision, approval, assumptions, policies }: Explained) {
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

function renderExplain({ decision, approval, assumptions, policies }: Explained): string {
  const lines = [`decision: ${decision.decision}`, `reason:   ${decision.reason}`];
  if (!decision.canonical) lines.push(`canonical: refused before policy (${decision.code ?? "refused"})`);
  else {
    const call = decision.canonical;
    lines.push(
      `canonical: ${call.action} ${call.resource.type}::${JSON.stringify(call.resource.id)}`,
    );
  }
  if (approval) {
    lines.push(
      `approval: ${approval.id} ${describeApprovalState(approval)} covers this exact call${approval.status === "approved" ? " (explain did not use it)" : ""}`,
    );
  } else if (decision.decision === "ask") {
    lines.push("approval: none covers this exact call; the hook would request one (explain did not)");
  }
  for (const assumption of assumptions) lines.push(`assumed:  ${assumption}`);
  if (decision.policies.length === 0) lines.push("policies: none matched");
  for (const id of decision.policies)
    lines.push(`policy ${id}:`, `  ${policies[id] ?? "(unknown)"}`);
  return `${lines.join("\n")}\n`;
}
