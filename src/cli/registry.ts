import type { Command } from "commander";
import type { CliContext } from "./cli-context.js";

/**
 * A command module builds its commander `Command` on demand. Actions report
 * their result by setting `context.exitCode`.
 */
export interface CommandModule {
  createCommand(context: CliContext): Command;
}

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CommandModule>;
}

/**
 * Every top-level command with a one-line summary. Modules load only when
 * their command runs, so `jig --version` and `jig --help` stay instant.
 */
export const COMMANDS: CommandEntry[] = [
  {
    name: "init",
    summary:
      "Set up jig in this git repo: jig.config.yaml, specs/, .jig/ and a recommended CODEOWNERS",
    load: () => import("./commands/init-command.js"),
  },
  {
    name: "check",
    summary: "Run the gate on a change and print a machine-computed verdict",
    load: () => import("./commands/check-command.js"),
  },
  {
    name: "ci",
    summary: "Run the gate in CI: step summary, SARIF, one PR comment and inline findings (GitHub)",
    load: () => import("./commands/ci-command.js"),
  },
  {
    name: "spec",
    summary: "Write (interview), lint, approve, start and trace specs",
    load: () => import("./commands/spec-command.js"),
  },
  {
    name: "failures",
    summary: "Lint, test, list and run the failure-model catalog; mine incidents",
    load: () => import("./commands/failures-command.js"),
  },
  {
    name: "eval",
    summary: "Run holdout eval suites (satisfaction, Wilson intervals), seal, merge, compare",
    load: () => import("./commands/eval-command.js"),
  },
  {
    name: "review",
    summary: "Have an independent model review a change against its spec and failure models",
    load: () => import("./commands/review-command.js"),
  },
  {
    name: "loop",
    summary: "Run the coding agent and the gate in turn until clean; escalate after N rounds",
    load: () => import("./commands/loop-command.js"),
  },
  {
    name: "hooks",
    summary: "Install a git pre-push hook that runs jig check on each pushed range",
    load: () => import("./commands/hooks-command.js"),
  },
  {
    name: "runs",
    summary: "List and show recorded gate runs",
    load: () => import("./commands/runs-command.js"),
  },
  {
    name: "waive",
    summary: "Waive one finding until a date (jig.waivers.yaml); list waivers expiring or unused",
    load: () => import("./commands/waive-command.js"),
  },
  {
    name: "rules",
    summary: "List the JIG-* rules jig reports, or show one rule's help",
    load: () => import("./commands/rules-command.js"),
  },
  {
    name: "guard",
    summary: "Enforce agent manifests: Claude Code hook and MCP gateway",
    load: () => import("./commands/guard-command.js"),
  },
  {
    name: "policy",
    summary: "Lint, test and explain the agent policy compiled from agents/",
    load: () => import("./commands/policy-command.js"),
  },
  {
    name: "agents",
    summary: "List and show agent manifests; install the Claude Code hook",
    load: () => import("./commands/agents-command.js"),
  },
  {
    name: "run",
    summary: "Run a command under bubblewrap inside an agent's file and network scope",
    load: () => import("./commands/run-command.js"),
  },
  {
    name: "bus",
    summary: "MCP server for messages between agents, authorized per sender",
    load: () => import("./commands/bus-command.js"),
  },
  {
    name: "approvals",
    summary: "List, show, approve and deny escalated agent actions",
    load: () => import("./commands/approvals-command.js"),
  },
  {
    name: "audit",
    summary: "Verify and tail the hash-chained log of every guard decision",
    load: () => import("./commands/audit-command.js"),
  },
  {
    name: "autonomy",
    summary: "Autonomy per agent and domain: sync outcomes from git, status, explain, propose",
    load: () => import("./commands/autonomy-command.js"),
  },
  {
    name: "incident",
    summary:
      "Record an incident against an agent's domain (demotes it; offers it to failures mine)",
    load: () => import("./commands/incident-command.js"),
  },
  {
    name: "level",
    summary:
      "The repository's Dark Factory level (0-5) per domain, from evidence, and the next steps",
    load: () => import("./commands/level-command.js"),
  },
  {
    name: "ui",
    summary: "Serve a local dashboard: runs, trends, approvals (approve/deny), audit and autonomy",
    load: () => import("./commands/ui-command.js"),
  },
  {
    name: "store",
    summary: "Migrate the SQLite run store into a team's Postgres store",
    load: () => import("./commands/store-command.js"),
  },
  {
    name: "demo",
    summary: "Build an example repo in a temp dir and gate one change per kind of defect",
    load: () => import("./commands/demo-command.js"),
  },
];
