import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPROVED_SPEC } from "../../src/test-support/approved-spec.js";
import {
  type PostgresServer,
  postgresSkipReason,
  startPostgres,
} from "../../src/test-support/start-postgres.js";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { runJig } from "./run-jig.js";

/**
 * Boundary sensing on the team store: the evidence jig check records there
 * is what jig autonomy and jig level read back, with no SQLite file involved.
 */
describe.skipIf(postgresSkipReason() !== undefined)(
  "autonomy and level on a Postgres store",
  () => {
    let server: PostgresServer;
    let repo: TempRepo;

    beforeAll(async () => {
      server = await startPostgres();
      repo = createTempRepo();
      repo.write(".gitignore", ".jig/\n");
      repo.write(
        "jig.config.yaml",
        "version: 1\ngate:\n  require: [spec]\ndomains:\n  billing: [src/**]\n",
      );
      repo.write(
        "autonomy.yaml",
        "classes:\n  - {agent: coder, domain: billing, mode: supervised}\n",
      );
      repo.write("specs/SPEC-0001-refund-cap.md", APPROVED_SPEC);
      repo.commit("adopt jig");
      repo.write("src/fee.js", "export const fee = (cents) => cents + 1;\n");
      repo.commit("Add a fee\n\nSpec: SPEC-0001\nAgent: coder");
    }, 120_000);

    afterAll(() => {
      repo?.cleanup();
      server?.stop();
    });

    it("records a check's evidence in Postgres, and status, sync and level read it there", () => {
      const env = { JIG_STORE_URL: server.url() };
      const check = runJig(["check", "--base", "HEAD~1", "--format", "json"], {
        cwd: repo.dir,
        env,
      });
      expect([0, 1, 3]).toContain(check.code);
      const status = (args: string[], options: { env?: Record<string, string> } = {}) =>
        JSON.parse(
          runJig(["autonomy", "status", "--format", "json", ...args], { cwd: repo.dir, ...options })
            .stdout,
        ) as {
          classes: Array<{ agent: string; domain: string; evidence: { events: number } }>;
        };
      const billing = status([], { env }).classes.find(
        (c) => c.agent === "coder" && c.domain === "billing",
      );
      expect(billing?.evidence.events).toBeGreaterThanOrEqual(1);
      // The local file holds none of it.
      const local = status([]).classes.find((c) => c.agent === "coder" && c.domain === "billing");
      expect(local?.evidence.events ?? 0).toBe(0);
      expect(runJig(["autonomy", "sync"], { cwd: repo.dir, env }).code).toBe(0);
      const level = JSON.parse(
        runJig(["level", "--format", "json"], { cwd: repo.dir, env }).stdout,
      );
      expect(JSON.stringify(level)).toMatch(/covered by 1 run/);
    }, 120_000);
  },
);
