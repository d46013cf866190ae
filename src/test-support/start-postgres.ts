import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** A throwaway PostgreSQL server in a temp directory, on a loopback port. */
export interface PostgresServer {
  port: number;
  /** A URL for `database` on this server (default `postgres`). */
  url(database?: string): string;
  stop(): void;
}

/** PATH first, then Debian's versioned folders (newest first), which are not on PATH. */
function binDirs(): string[] {
  const debian = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql")
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join("/usr/lib/postgresql", version, "bin"))
    : [];
  return [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), ...debian];
}

/** Where `initdb` and `pg_ctl` are, or undefined when PostgreSQL is not installed. */
export function findPostgresBinaries(): { initdb: string; pgCtl: string } | undefined {
  for (const dir of binDirs()) {
    const initdb = join(dir, "initdb");
    const pgCtl = join(dir, "pg_ctl");
    if (existsSync(initdb) && existsSync(pgCtl)) return { initdb, pgCtl };
  }
  return undefined;
}

/**
 * Why the Postgres tests cannot run here, or undefined when they can. Said
 * loudly once per test file: CI installs PostgreSQL (scripts/test.sh), so
 * a skip is only ever a local machine without it.
 */
export function postgresSkipReason(): string | undefined {
  if (findPostgresBinaries()) return undefined;
  const reason =
    "PostgreSQL binaries (initdb, pg_ctl) not found: SKIPPING the Postgres store tests. Install Debian's postgresql package to run them (CI does).";
  console.warn(`\n!!! ${reason}\n`);
  return reason;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * initdb, then pg_ctl start, in a fresh temp directory, trusting local
 * connections. initdb refuses to run as root, so as root the server runs
 * as the `postgres` user (or `nobody`) via runuser.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const binaries = findPostgresBinaries();
  if (!binaries) throw new Error("PostgreSQL binaries not found");
  const dir = mkdtempSync(join(tmpdir(), "jig-pg-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? pickUser() : undefined;
  const run = (file: string, args: string[]) => {
    const command = user ? "runuser" : file;
    const argv = user ? ["-u", user, "--", file, ...args] : args;
    execFileSync(command, argv, { stdio: "pipe", cwd: dir });
  };
  run(binaries.initdb, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=100",
  ].join(" ");
  run(binaries.pgCtl, ["-D", data, "-o", options, "-l", join(dir, "server.log"), "-w", "start"]);
  let stopped = false;
  return {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(binaries.pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function pickUser(): string {
  for (const user of ["postgres", "nobody"]) {
    if (spawnSync("id", [user], { stdio: "ignore" }).status === 0) return user;
  }
  throw new Error("running as root, and neither a postgres nor a nobody user exists for initdb");
}
