import { readFileSync } from "node:fs";
import { packagePath } from "../core/package-root.js";
import type { CliContext } from "./cli-context.js";
import { COMMANDS } from "./registry.js";

/**
 * The CLI entry point: the only place that reads the real process. Returns
 * the exit code instead of exiting so the launcher can flush output first.
 */
export async function main(argv: string[]): Promise<number> {
  // `jig runs list | head` closes the pipe early; that is the reader's choice, not a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const context: CliContext = {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    now: () => new Date(),
    version: readVersion(),
    exitCode: 0,
  };
  const first = argv[0];
  if (first === "--version" || first === "-v" || first === "-V") {
    context.stdout.write(`${context.version}\n`);
    return 0;
  }
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    if (first === "help" && argv[1]) return main([argv[1], "--help"]);
    context.stdout.write(renderHelp(context.version));
    return first === undefined ? 2 : 0;
  }
  // Fast path (owned by the guard, see docs/agents.md): the Claude Code hook
  // runs on every tool call, so it asks the warm guard daemon before commander
  // and the command modules load. Declined means "decide in-process as usual".
  if (first === "guard" && argv[1] === "claude-hook") {
    const { askGuardDaemon } = await import("../agents/guard-client/index.js");
    const { cwd, env, stdin, version } = context;
    const debug = (line: string) => context.stderr.write(line);
    const answer = await askGuardDaemon({ args: argv.slice(2), stdin, cwd, env, version, debug });
    if (answer.kind === "answered") {
      context.stdout.write(answer.output);
      return 0;
    }
    context.stdin = answer.stdin;
  }
  const entry = COMMANDS.find((command) => command.name === first);
  if (!entry) {
    const { nearestCommand } = await import("./nearest-command.js");
    const near = nearestCommand(
      first,
      COMMANDS.map((command) => command.name),
    );
    context.stderr.write(
      `jig: unknown command '${first}'.${near ? ` Did you mean '${near}'?` : ""} Run 'jig --help' to see the commands.\n`,
    );
    return 2;
  }
  const { runCommand } = await import("./run-command.js");
  return runCommand(entry, argv.slice(1), context);
}

function renderHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `jig ${version}: a software factory harness for AI-written code`,
    "",
    "Usage: jig <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run 'jig <command> --help' for a command's flags and an example.",
    "Exit codes: 0 pass, 1 fail, 2 usage or input error, 3 needs a human, 4+ internal error.",
    "",
  ].join("\n");
}

function readVersion(): string {
  const text = readFileSync(packagePath("package.json"), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}
