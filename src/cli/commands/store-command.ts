import { existsSync } from "node:fs";
import { Command } from "commander";
import { loadConfig } from "../../config/index.js";
import { ExitCode, resolveStorePath, UsageError } from "../../core/index.js";
import { requireWorkTreeRoot } from "../../git/index.js";
import type { CliContext } from "../cli-context.js";

/** `jig store migrate --to postgres://…`: move a team's history off one machine. */
export function createCommand(context: CliContext): Command {
  const command = new Command("store")
    .description("Manage the run store (SQLite file or a team's Postgres)")
    .addHelpText(
      "after",
      "\nExamples:\n  jig store migrate --to postgres://jig@db.internal:5432/jig\n\nThen set store.url in jig.config.yaml (or JIG_STORE_URL) to record there.\n",
    );
  command
    .command("migrate")
    .description(
      "Copy the SQLite store into an empty Postgres store, checking row counts per table and the audit chain: exit 0 when all match, 1 on a mismatch (nothing is kept), 2 on a bad URL or an unreachable server",
    )
    .requiredOption("--to <url>", "the Postgres store, postgres://user[:password]@host[:port]/db")
    .option("--from <file>", "the SQLite file (default: the config's store.path)")
    .action(async (options: { to: string; from?: string }) => {
      // Loaded only here: the Postgres client and the audit verifier are not
      // part of any other command's start-up.
      const store = await import("../../store/index.js");
      const { createAuditLog } = await import("../../agents/audit-log.js");
      store.describePostgresUrl(options.to);
      const repoRoot = requireWorkTreeRoot(context.cwd);
      const { config } = await loadConfig(repoRoot);
      const from = resolveStorePath(repoRoot, options.from ?? config.store.path);
      if (!existsSync(from)) {
        throw new UsageError(`${from} does not exist: there is no SQLite store to migrate`, {
          code: "store/missing",
        });
      }
      const source = store.openJigDatabase(from);
      try {
        store.openPostgresDatabase(options.to).close();
        const target = store.connectPostgres(options.to);
        try {
          const sourceAudit = createAuditLog(source).verify();
          const result = store.copySqliteStoreToPostgres(source, target, () =>
            verifyCopiedAudit(store, target, createAuditLog, sourceAudit),
          );
          const where = store.describePostgresUrl(options.to);
          for (const copy of result.tables) {
            const mark = copy.source === copy.target ? "ok" : "MISMATCH";
            context.stdout.write(
              `${copy.table.padEnd(20)} ${String(copy.source).padStart(8)} → ${String(copy.target).padStart(8)}  ${mark}\n`,
            );
          }
          for (const line of [...result.mismatches, ...result.problems]) {
            context.stderr.write(`mismatch: ${line}\n`);
          }
          if (result.committed) {
            const rows = result.tables.reduce((sum, copy) => sum + copy.target, 0);
            context.stdout.write(
              `migrated ${rows} rows in ${result.tables.length} tables from ${from} to ${where}; audit chain intact (${sourceAudit.records} records)\n`,
            );
            context.exitCode = ExitCode.pass;
          } else {
            context.stdout.write(`nothing was kept in ${where}: the copy was rolled back\n`);
            context.exitCode = ExitCode.fail;
          }
        } finally {
          target.close();
        }
      } finally {
        source.close();
      }
    });
  return command;
}

/**
 * The audit chain as copied, checked inside the copy's transaction (through
 * a facade over the same connection): it must verify on its own and end at
 * the same head as the SQLite log it came from.
 */
function verifyCopiedAudit(
  store: typeof import("../../store/index.js"),
  target: import("../../store/index.js").SyncPostgresConnection,
  createAuditLog: typeof import("../../agents/audit-log.js").createAuditLog,
  sourceAudit: { ok: boolean; head?: string; records: number },
): string[] {
  const copied = createAuditLog(store.postgresFacadeOver(target)).verify();
  const problems = copied.problems.map((problem) => `audit log: ${problem.message}`);
  if (copied.records !== sourceAudit.records || copied.head !== sourceAudit.head) {
    problems.push(
      `audit log: SQLite has ${sourceAudit.records} records ending at ${sourceAudit.head ?? "genesis"}, Postgres ${copied.records} ending at ${copied.head ?? "genesis"}`,
    );
  }
  return problems;
}
