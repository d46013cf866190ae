import { join, relative } from "node:path";
import { Command } from "commander";
import {
  installClaudeHook,
  readPolicyWorkspace,
  uninstallClaudeHook,
  writeStarterManifest,
} from "../../agents/index.js";
import { ExitCode, UsageError, ValidationError } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";

/** `jig agents list|show|new|install|uninstall`. */
export function createCommand(context: CliContext): Command {
  const command = new Command("agents")
    .description("List, show and write agent manifests; install and uninstall enforcement")
    .addHelpText(
      "after",
      "\nExamples:\n  jig agents list\n  jig agents show coder\n  jig agents new coder\n  jig agents install claude --agent coder\n  jig agents uninstall claude\n\nRun 'jig agents <command> --help' for each command's flags.\n",
    );
  command
    .command("list")
    .description("List the agents in agents/")
    .option("--format <format>", "text or json", "text")
    .action(async (options: { format: string }) => {
      const workspace = await readPolicyWorkspace(context.cwd, context.env);
      if (workspace.source.problems.length > 0)
        throw new ValidationError(workspace.source.problems);
      const agents = workspace.source.manifests.map(({ manifest, path }) => ({
        name: manifest.name,
        role: manifest.role,
        path,
        tools: manifest.permissions.tools.allow.length,
        write: manifest.permissions.files.write,
      }));
      if (options.format === "json") {
        context.stdout.write(`${JSON.stringify(agents, null, 2)}\n`);
        return;
      }
      if (agents.length === 0)
        context.stdout.write(`no agents in ${workspace.config.agents.dir}/\n`);
      for (const agent of agents) {
        context.stdout.write(
          `${agent.name.padEnd(14)} ${agent.role}  (writes: ${agent.write.join(", ") || "nothing"})\n`,
        );
      }
    });
  command
    .command("show")
    .description("Show one agent's manifest with defaults applied")
    .argument("<name>", "agent name")
    .option("--format <format>", "text or json", "text")
    .action(async (name: string, options: { format: string }) => {
      const workspace = await readPolicyWorkspace(context.cwd, context.env);
      const entry = workspace.source.manifests.find(
        (candidate) => candidate.manifest.name === name,
      );
      if (!entry) {
        if (workspace.source.problems.length > 0)
          throw new ValidationError(workspace.source.problems);
        throw new UsageError(`no agent '${name}' in ${workspace.config.agents.dir}/`);
      }
      // A .cedar file Cedar cannot take applies to every agent: no manifest shown is the whole truth.
      const cedar = workspace.source.problems.filter((problem) => problem.path.endsWith(".cedar"));
      if (cedar.length > 0) throw new ValidationError(cedar);
      if (options.format === "json") {
        context.stdout.write(`${JSON.stringify(entry.manifest, null, 2)}\n`);
        return;
      }
      const m = entry.manifest;
      const p = m.permissions;
      const lines = [
        `${m.name}: ${m.role}  (${entry.path})`,
        ...(m.description ? [m.description] : []),
        ...(m.model ? [`model: ${m.model}`] : []),
        `values: ${m.values.join(" > ") || "none"}`,
        `tools: allow ${p.tools.allow.join(", ") || "none"}; deny ${p.tools.deny.join(", ") || "none"}`,
        `files: read ${p.files.read.join(", ") || "none"}; write ${p.files.write.join(", ") || "none"}`,
        `commands: ${p.commands.map((argv) => argv.join(" ")).join("; ") || "none"}`,
        `network: ${p.network.join(", ") || "none"}`,
        ...m.authority.map((rule) => `authority: ${rule.tool} when ${rule.when} -> ${rule.then}`),
        ...m.escalate.map((trigger) => `escalate: ${JSON.stringify(trigger)}`),
        ...m.messages.map((rule) => `messages: ${rule.types.join(", ")} -> ${rule.to.join(", ")}`),
        `examples: ${m.examples.allow.length} allow, ${m.examples.deny.length} deny, ${m.examples.ask.length} ask`,
      ];
      context.stdout.write(`${lines.join("\n")}\n`);
    });
  command
    .command("new")
    .description("Write a commented starter manifest <agents.dir>/<name>.yaml (never overwrites)")
    .argument("<name>", "agent name: lowercase letters, digits and -")
    .action(async (name: string) => {
      const workspace = await readPolicyWorkspace(context.cwd, context.env);
      const agentsDir = join(workspace.repoRoot, workspace.config.agents.dir);
      const shown = relative(context.cwd, join(agentsDir, `${name}.yaml`));
      await writeStarterManifest({ agentsDir, name, shown });
      context.stdout.write(
        `wrote ${shown}: agent '${name}' may edit src/ and tests/ and run npm test\nnext: edit it to fit, check it with 'jig policy lint' and 'jig policy test', then 'jig agents install claude --agent ${name}'\n`,
      );
    });
  command
    .command("install")
    .description(
      "Install an enforcement point; 'claude' writes the PreToolUse hook into .claude/settings.json",
    )
    .argument("<target>", "claude")
    .requiredOption("--agent <name>", "agent whose manifest the hook enforces")
    .option(
      "--command <jig>",
      "how to invoke jig from the hook (default: node_modules/.bin/jig when jig is a dependency, else jig on PATH)",
    )
    .action(async (target: string, options: { agent: string; command?: string }) => {
      if (target !== "claude")
        throw new UsageError(`unknown install target '${target}'; use 'claude'`);
      const workspace = await readPolicyWorkspace(context.cwd, context.env);
      if (!workspace.source.manifests.some((entry) => entry.manifest.name === options.agent)) {
        throw new UsageError(
          `no agent '${options.agent}' in ${workspace.config.agents.dir}/; add ${workspace.config.agents.dir}/${options.agent}.yaml first`,
        );
      }
      const hook = await installClaudeHook({
        repoRoot: workspace.repoRoot,
        agent: options.agent,
        command: options.command,
      });
      context.stdout.write(`wrote .claude/settings.json: PreToolUse -> ${hook}\n`);
      context.exitCode = ExitCode.pass;
    });
  command
    .command("uninstall")
    .description(
      "Remove an enforcement point; 'claude' removes jig's hooks from .claude/settings.json, nothing else",
    )
    .argument("<target>", "claude")
    .action(async (target: string) => {
      if (target !== "claude")
        throw new UsageError(`unknown uninstall target '${target}'; use 'claude'`);
      const workspace = await readPolicyWorkspace(context.cwd, context.env);
      const removed = await uninstallClaudeHook({ repoRoot: workspace.repoRoot });
      if (removed.length === 0) {
        context.stdout.write("no jig hook in .claude/settings.json: nothing to remove\n");
        return;
      }
      context.stdout.write(
        `removed from .claude/settings.json:\n${removed.map((line) => `  ${line}\n`).join("")}`,
      );
    });
  return command;
}
