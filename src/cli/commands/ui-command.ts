import { spawn } from "node:child_process";
import { Command, InvalidArgumentError } from "commander";
import { UsageError } from "../../core/index.js";
import { requireWorkTreeRoot } from "../../git/index.js";
import type { CliContext } from "../cli-context.js";

const DEFAULT_PORT = 4477;
const DEFAULT_HOST = "127.0.0.1";
/** Addresses only this machine reaches: anything else needs a token. */
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** `jig ui`: serve the dashboard until SIGINT or SIGTERM. */
export function createCommand(context: CliContext): Command {
  return new Command("ui")
    .description("Serve a local dashboard: runs, trends, approvals, audit and autonomy")
    .option(
      "--port <n>",
      `port to listen on, 0 for a free one (default ${DEFAULT_PORT})`,
      parsePort,
    )
    .option("--host <host>", `address to bind (default ${DEFAULT_HOST}); any other needs a token`)
    .option("--token <token>", "require this token (bearer header or login form); or JIG_UI_TOKEN")
    .option("--open", "open the dashboard in a browser")
    .addHelpText(
      "after",
      "\nExamples:\n  jig ui\n  jig ui --port 0\n  JIG_UI_TOKEN=s3cret jig ui --host 0.0.0.0 --port 8080\n",
    )
    .action(async (flags: { port?: number; host?: string; token?: string; open?: boolean }) => {
      const host = flags.host ?? DEFAULT_HOST;
      const token = flags.token ?? (context.env.JIG_UI_TOKEN || undefined);
      if (!LOOPBACK.has(host) && !token) {
        throw new UsageError(
          `--host ${host} is reachable from other machines; give --token <token> or set JIG_UI_TOKEN`,
          { code: "ui/token-required" },
        );
      }
      const root = requireWorkTreeRoot(context.cwd);
      // Loaded here so `jig ui --help` and every other command never load hono.
      const { startUiServer } = await import("../../ui/start-ui-server.js");
      const running = await startUiServer({
        root,
        cwd: context.cwd,
        env: context.env,
        host,
        port: flags.port ?? DEFAULT_PORT,
        token,
        now: context.now,
        assessLevel: async () => {
          const { gatherLevelEvidence } = await import("./level-command.js");
          const { assessLevel } = await import("../../autonomy/assess-level.js");
          return assessLevel(await gatherLevelEvidence(context));
        },
      }).catch((error: NodeJS.ErrnoException) => {
        if (
          error.code === "EADDRINUSE" ||
          error.code === "EACCES" ||
          error.code === "EADDRNOTAVAIL"
        )
          throw new UsageError(
            `cannot listen on ${host}:${flags.port ?? DEFAULT_PORT} (${error.code}); pick another --port or --host`,
          );
        throw error;
      });
      context.stdout.write(`jig ui: serving ${running.url} (store: ${running.store})\n`);
      if (flags.open) openBrowser(running.url);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      await running.close();
      context.exitCode = 0;
    });
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new InvalidArgumentError("a port is a whole number from 0 to 65535");
  return Number(value);
}

function openBrowser(url: string): void {
  const command =
    process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  try {
    spawn(command, [url], { detached: true, stdio: "ignore" })
      .on("error", () => {})
      .unref();
  } catch {
    // No browser opener: the serving line already says where to go.
  }
}
