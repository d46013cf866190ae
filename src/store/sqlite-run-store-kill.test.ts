import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteRunStore } from "./sqlite-run-store.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const FINDINGS_PER_RUN = 2000;

/**
 * A writer that records one run it never finishes, then starts and finishes
 * big runs in a loop until killed, so a SIGKILL very likely lands inside a
 * finishRun transaction.
 */
function writerScript(): string {
  const store = pathToFileURL(join(repoRoot, "src/store/index.ts")).href;
  const fixture = pathToFileURL(join(repoRoot, "src/testing/sample-run-report.ts")).href;
  return `
import { openSqliteRunStore } from ${JSON.stringify(store)};
import { sampleRunReport as sampleReport } from ${JSON.stringify(fixture)};
const store = openSqliteRunStore(process.argv[2]);
const start = (id) => store.startRun({ id, startedAt: new Date().toISOString(), base: "a", head: "b", baseRef: "main", headRef: "HEAD" });
start("00000000T000000Z-sent");
for (let index = 0; ; index++) {
  const id = "run-" + String(index).padStart(6, "0");
  start(id);
  store.finishRun(sampleReport(id, { findings: ${FINDINGS_PER_RUN}, startedAt: new Date().toISOString() }));
  if (index === 2) process.stdout.write("ready\\n");
}
`;
}

function waitForOutput(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    let errors = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(text)) resolve();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`writer exited early (${code}): ${errors}`)));
  });
}

describe("a run store writer killed mid-way", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("leaves a consistent database: integrity ok, killed runs interrupted, no orphan rows", async () => {
    for (const delayMs of [0, 7, 23]) {
      const dir = mkdtempSync(join(tmpdir(), "jig-kill-"));
      dirs.push(dir);
      const script = join(dir, "writer.mjs");
      const path = join(dir, ".jig", "jig.db");
      writeFileSync(script, writerScript());
      const child = spawn(process.execPath, ["--import", "tsx", script, path], {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on("exit", (_code, signal) => resolve(signal)),
      );
      await waitForOutput(child, "ready");
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");

      const db = new Database(path);
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(db.pragma("foreign_key_check")).toEqual([]);
        const orphans = (table: string) =>
          db
            .prepare(
              `SELECT count(*) AS n FROM ${table} t LEFT JOIN runs r ON r.id = t.run_id
               WHERE r.id IS NULL OR r.status <> 'finished'`,
            )
            .get();
        expect(orphans("findings")).toEqual({ n: 0 });
        expect(orphans("layer_results")).toEqual({ n: 0 });
        const incomplete = db
          .prepare(
            `SELECT r.id FROM runs r WHERE r.status = 'finished' AND (
               r.report_json IS NULL
               OR r.findings <> (SELECT count(*) FROM findings f WHERE f.run_id = r.id)
               OR (SELECT count(*) FROM layer_results l WHERE l.run_id = r.id) <> 3)`,
          )
          .all();
        expect(incomplete).toEqual([]);
      } finally {
        db.close();
      }

      const store = openSqliteRunStore(path);
      try {
        const runs = store.listRuns();
        expect(runs.filter((run) => run.status === "finished").length).toBeGreaterThanOrEqual(3);
        expect(runs.filter((run) => run.status === "running")).toEqual([]);
        expect(store.getRunSummary("00000000T000000Z-sent")?.status).toBe("interrupted");
        for (const run of runs.filter((each) => each.status === "finished")) {
          expect(run.findings).toBe(FINDINGS_PER_RUN);
        }
      } finally {
        store.close();
      }
    }
  });
});
