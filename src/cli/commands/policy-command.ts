import { Command } from "commander";
import {
  canonicalizeCall,
  createGuard,
  type GuardDecision,
  readPolicyWorkspace,
  testPolicyExamples,
  workspaceEngine,
} from "../../agents/index.js";
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
    .description("Decide one tool call and show the canonical form and the policies that matched")
    .requiredOption("--agent <name>", "agent making the call")
    .requiredOption("--tool <name>", "tool name, e.g. Bash or mcp__github__create_issue")
    .option("--input <json>", "tool input as JSON", "{}")
    .option("--no-spec", "decide as if no approved spec were active")
    .option("--format <format>", "text or json", "text")
    .addHelpText(
      "after",
      `\nExample: jig policy explain --agent coder --tool Bash --input '{"command":"npm test"}'\n`,
    )
    .action(
      async (options: {
        agent: string;
        tool: string;
        input: string;
        spec: boolean;
        format: string;
      }) => {
        let input: unknown;
        try {
          input = JSON.parse(options.input);
        } catch (error) {
          throw new UsageError(`--input is not valid JSON: ${(error as Error).message}`);
        }
        const workspace = await readPolicyWorkspace(context.cwd, context.env);
        const { engine } = await workspaceEngine(workspace);
        const base = { repoRoot: workspace.repoRoot, cwd: context.cwd, home: workspace.home };
        const guard = createGuard({
          engine,
          base,
          now: context.now,
          adapter: "policy-explain",
          specApproved: options.spec,
        });
        const call = { agent: options.agent, tool: options.tool, input };
        const decision = guard.check(call);
        const canonical = canonicalizeCall(call, base);
        if (options.format === "json") {
          context.stdout.write(
            `${JSON.stringify(explainJson(decision, workspace.compiled.policies), null, 2)}\n`,
          );
        } else {
          context.stdout.write(
            renderExplain(
              decision,
              canonical.ok ? undefined : canonical.reason,
              workspace.compiled.policies,
            ),
          );
        }
        context.exitCode =
          decision.decision === "allow"
            ? ExitCode.pass
            : decision.decision === "ask"
              ? ExitCode.needsHuman
              : ExitCode.fail;
      },
    );
  return command;
}

function explainJson(decision: GuardDecision, policies: Record<string, string>) {
  return {
    decision: decision.decision,
    reason: decision.reason,
    canonical: decision.canonical ?? null,
    policies: decision.policies.map((id) => ({ id, text: policies[id] ?? null })),
    ...(decision.code ? { code: decision.code } : {}),
  };
}

function renderExplain(
  decision: GuardDecision,
  refusal: string | undefined,
  policies: Record<string, string>,
): string {
  const lines = [`decision: ${decision.decision}`, `reason:   ${decision.reason}`];
  if (refusal) lines.push(`canonical: refused before policy (${decision.code ?? "refused"})`);
  if (decision.canonical) {
    const call = decision.canonical;
    lines.push(
      `canonical: ${call.action} ${call.resource.type}::${JSON.stringify(call.resource.id)}`,
    );
  }
  if (decision.policies.length === 0) lines.push("policies: none matched");
  for (const id of decision.policies)
    lines.push(`policy ${id}:`, `  ${policies[id] ?? "(unknown)"}`);
  return `${lines.join("\n")}\n`;
}
