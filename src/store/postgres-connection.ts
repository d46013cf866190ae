import { createRequire } from "node:module";
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import { InternalError, UsageError } from "../core/index.js";

/** One round trip's answer, as the worker posts it back. */
export interface PostgresResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

/** A Postgres error as the worker saw it: SQLSTATE code and message. */
export class PostgresQueryError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = "PostgresQueryError";
    this.code = code;
  }
}

/**
 * A synchronous connection to Postgres. jig's stores are written against
 * better-sqlite3's synchronous API; rewriting them all to async is not worth
 * it, so the `pg` client runs in a worker thread and each call blocks the
 * calling thread on `Atomics.wait` until the worker has the answer (the
 * pattern of the synckit package). One client, so one session: a
 * transaction spans the calls made inside it.
 */
export interface SyncPostgresConnection {
  /**
   * A parameterised statement (`$1`…). With `prepared`, the server parses
   * and plans it once per connection (a named prepared statement).
   */
  query(text: string, values?: readonly unknown[], prepared?: boolean): PostgresResult;
  /** Several statements without parameters, in one round trip. */
  exec(text: string): void;
  close(): void;
}

// Runs in the worker as CommonJS. The pg client is resolved by the opener,
// so this works from the sources and from the bundle alike.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { port, flag } = workerData;
// A failure here must still answer: the caller is blocked waiting for one.
let client;
let ready;
try {
  const pg = require(workerData.pgPath);
  // SQLite hands back numbers; so does this store. jig's integers are ids,
  // counts and milliseconds, well inside 2^53.
  pg.types.setTypeParser(20, (value) => Number(value));
  pg.types.setTypeParser(1700, (value) => Number(value));
  client = new pg.Client({ connectionString: workerData.url, connectionTimeoutMillis: workerData.connectTimeoutMs });
  client.on("error", () => {});
  ready = client.connect();
} catch (error) {
  ready = Promise.reject(error);
}
ready.catch(() => {});
port.on("message", async (request) => {
  let answer;
  try {
    await ready;
    if (request.op === "close") {
      await client.end();
      answer = { ok: true };
    } else if (request.op === "exec") {
      await client.query(request.text);
      answer = { ok: true };
    } else {
      const result = await client.query(
        request.name
          ? { name: request.name, text: request.text, values: request.values }
          : { text: request.text, values: request.values },
      );
      answer = { ok: true, rows: result.rows, rowCount: result.rowCount ?? 0 };
    }
  } catch (error) {
    answer = { ok: false, message: String(error && error.message || error), code: error && error.code };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  if (request.op === "close") port.close();
});
`;

interface WorkerAnswer {
  ok: boolean;
  rows?: Record<string, unknown>[];
  rowCount?: number;
  message?: string;
  code?: string;
}

/** Network failures while connecting: the URL's server cannot be reached. */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "28P01", // password authentication failed
  "28000", // no pg_hba.conf entry / role does not exist
  "3D000", // database does not exist
]);

/**
 * Connect to `url` and check the server answers.
 *
 * @throws UsageError (exit 2, one line) when the URL is not a postgres URL or
 *   the server cannot be reached; the message never shows the password.
 */
export function connectPostgres(
  url: string,
  options: { timeoutMs?: number } = {},
): SyncPostgresConnection {
  const where = describePostgresUrl(url);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pgPath = createRequire(import.meta.url).resolve("pg");
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { pgPath, url, port: port2, flag, connectTimeoutMs: 10_000 },
    transferList: [port2],
  });
  // Neither keeps the process alive: a caller that forgets close() still exits.
  worker.unref();
  port1.unref();
  let open = true;
  const names = new Map<string, string>();

  const call = (request: Record<string, unknown>): WorkerAnswer => {
    if (!open) throw new InternalError("the Postgres store was used after close()");
    Atomics.store(flag, 0, 0);
    (port1 as MessagePort).postMessage(request);
    if (Atomics.wait(flag, 0, 0, timeoutMs) === "timed-out") {
      // The answer may still come and would be read as the next one's:
      // this connection is done.
      open = false;
      port1.close();
      void worker.terminate();
      throw new UsageError(`Postgres at ${where} did not answer within ${timeoutMs} ms`, {
        code: "store/unreachable",
      });
    }
    const received = receiveMessageOnPort(port1);
    if (!received) throw new InternalError("the Postgres worker woke without an answer");
    return received.message as WorkerAnswer;
  };
  const check = (answer: WorkerAnswer): WorkerAnswer => {
    if (answer.ok) return answer;
    throw new PostgresQueryError(answer.message ?? "Postgres error", answer.code);
  };

  const connection: SyncPostgresConnection = {
    query(text, values = [], prepared = false) {
      let name: string | undefined;
      if (prepared) {
        name = names.get(text);
        if (name === undefined) {
          name = `jig_${names.size + 1}`;
          names.set(text, name);
        }
      }
      const answer = check(call({ op: "query", text, values, name }));
      return { rows: answer.rows ?? [], rowCount: answer.rowCount ?? 0 };
    },
    exec(text) {
      check(call({ op: "exec", text }));
    },
    close() {
      if (!open) return;
      try {
        call({ op: "close" });
      } finally {
        open = false;
        port1.close();
        void worker.terminate();
      }
    },
  };
  try {
    connection.query("SELECT 1");
  } catch (error) {
    connection.close();
    const code = (error as { code?: unknown }).code;
    if (
      error instanceof PostgresQueryError &&
      (code === undefined || UNREACHABLE_CODES.has(String(code)))
    ) {
      throw new UsageError(`cannot reach the Postgres store at ${where}: ${error.message}`, {
        cause: error,
        code: "store/unreachable",
      });
    }
    throw error;
  }
  return connection;
}

/**
 * `user@host:port/db` of a postgres URL, without its password, for messages.
 *
 * @throws UsageError when `url` is not a `postgres://` or `postgresql://` URL.
 */
export function describePostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badUrl(url);
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") throw badUrl(url);
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : "";
  const port = parsed.port ? `:${parsed.port}` : "";
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  return `${user}${host}${port}${parsed.pathname}`;
}

function badUrl(url: string): UsageError {
  const shown = url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
  return new UsageError(
    `'${shown}' is not a Postgres URL; expected postgres://user[:password]@host[:port]/database`,
    { code: "store/bad-url" },
  );
}
