import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../core/index.js";
import type { RunStore, RunStoreOptions, StartRunInput } from "../store/index.js";
import { sampleRunReport } from "./sample-run-report.js";

/**
 * One driver under test. `open` may be called several times within a test:
 * every store it returns sees the same data, like reopening a database file.
 */
export interface RunStoreHarness {
  open(options?: RunStoreOptions): RunStore;
  cleanup(): void;
}

const WRITER = { pid: 4242, host: "build-host" };

function startOf(id: string, startedAt = "2026-11-25T10:15:00.000Z"): StartRunInput {
  return {
    id,
    startedAt,
    base: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d",
    head: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
    baseRef: "main",
    headRef: "HEAD",
  };
}

/**
 * The behaviour every RunStore driver must have: round trips that lose
 * nothing, newest-first listing, prefix lookup, interrupted runs, reopening.
 * jig runs it against its SQLite and in-memory stores; run it once per driver
 * you write (a vitest test file that calls it is enough).
 *
 * @example
 * import { describeRunStoreConformance } from "jig/testing";
 * describeRunStoreConformance("sqlite", () => {
 *   const dir = mkdtempSync(join(tmpdir(), "jig-"));
 *   return { open: (options) => openSqliteRunStore(join(dir, "jig.db"), options), cleanup: () => rmSync(dir, { recursive: true }) };
 * });
 */
export function describeRunStoreConformance(
  name: string,
  createHarness: () => RunStoreHarness,
): void {
  describe(`RunStore conformance: ${name}`, () => {
    let harness: RunStoreHarness;
    const opened: RunStore[] = [];
    const open = (options: RunStoreOptions = { ...WRITER, isProcessAlive: () => true }) => {
      const store = harness.open(options);
      opened.push(store);
      return store;
    };

    beforeEach(() => {
      harness = createHarness();
    });
    afterEach(() => {
      for (const store of opened.splice(0)) store.close();
      harness.cleanup();
    });

    it("round-trips start → finish → get to an equal report", () => {
      const store = open();
      const report = sampleRunReport("20261125T101500Z-7f3a", { findings: 5 });
      store.startRun(startOf(report.run.id));
      expect(store.getRunSummary(report.run.id)).toEqual({
        id: report.run.id,
        status: "running",
        startedAt: report.run.startedAt,
        base: report.range.base,
        head: report.range.head,
        findings: 0,
      });
      expect(store.getRun(report.run.id)).toBeUndefined();

      store.finishRun(report);
      expect(store.getRun(report.run.id)).toEqual(report);
      expect(store.listRuns()).toEqual([
        {
          id: report.run.id,
          status: "finished",
          startedAt: report.run.startedAt,
          finishedAt: report.run.finishedAt,
          base: report.range.base,
          head: report.range.head,
          outcome: "fail",
          findings: 5,
          durationMs: 1234,
        },
      ]);
    });

    it("keeps the saved report even if the caller mutates its object afterwards", () => {
      const store = open();
      const report = sampleRunReport("20261125T101500Z-0001");
      store.finishRun(report);
      report.verdict.outcome = "pass";
      report.findings.length = 0;
      expect(store.getRun(report.run.id)?.verdict.outcome).toBe("fail");
      expect(store.getRun(report.run.id)?.findings).toHaveLength(2);
    });

    it("records a run finished without being started, and replaces a run finished twice", () => {
      const store = open();
      store.finishRun(sampleRunReport("20261125T101500Z-0002", { findings: 3 }));
      expect(store.getRun("20261125T101500Z-0002")?.findings).toHaveLength(3);
      store.finishRun(sampleRunReport("20261125T101500Z-0002", { findings: 1, outcome: "pass" }));
      const runs = store.listRuns();
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ findings: 1, outcome: "pass", status: "finished" });
      expect(store.getRun("20261125T101500Z-0002")?.findings).toHaveLength(1);
    });

    it("refuses to start the same run id twice", () => {
      const store = open();
      store.startRun(startOf("20261125T101500Z-0003"));
      expect(() => store.startRun(startOf("20261125T101500Z-0003"))).toThrow();
    });

    it("lists newest first and honours the limit", () => {
      const store = open();
      // Inserted out of order on purpose: ordering must come from startedAt.
      store.finishRun(
        sampleRunReport("20261125T090000Z-aaaa", { startedAt: "2026-11-25T09:00:00.000Z" }),
      );
      store.startRun(startOf("20261125T110000Z-cccc", "2026-11-25T11:00:00.000Z"));
      store.finishRun(
        sampleRunReport("20261125T100000Z-bbbb", { startedAt: "2026-11-25T10:00:00.000Z" }),
      );
      expect(store.listRuns().map((run) => run.id)).toEqual([
        "20261125T110000Z-cccc",
        "20261125T100000Z-bbbb",
        "20261125T090000Z-aaaa",
      ]);
      expect(store.listRuns({ limit: 2 }).map((run) => run.id)).toEqual([
        "20261125T110000Z-cccc",
        "20261125T100000Z-bbbb",
      ]);
      expect(store.listRuns({ limit: 0 })).toEqual([]);
    });

    it("finds a run by unique prefix, rejects an ambiguous one, and misses unknown ids", () => {
      const store = open();
      store.finishRun(sampleRunReport("20261125T090000Z-aaaa"));
      store.finishRun(sampleRunReport("20261125T090000Z-abbb"));
      store.finishRun(sampleRunReport("20261126T090000Z-cccc"));
      expect(store.getRun("20261126")?.run.id).toBe("20261126T090000Z-cccc");
      expect(store.getRun("20261125T090000Z-ab")?.run.id).toBe("20261125T090000Z-abbb");
      expect(store.getRunSummary("20261125T090000Z-aa")?.id).toBe("20261125T090000Z-aaaa");
      expect(() => store.getRun("20261125")).toThrow(UsageError);
      expect(() => store.getRunSummary("2026")).toThrow(/more than one run/);
      expect(store.getRun("2027")).toBeUndefined();
      expect(store.getRun("")).toBeUndefined();
      // SQL wildcards in a prefix are literal characters, not patterns.
      expect(store.getRun("%")).toBeUndefined();
      expect(store.getRun("_")).toBeUndefined();
    });

    it("shows a running run whose process is gone as interrupted", () => {
      const alive = new Set([WRITER.pid]);
      const writer = open({ ...WRITER, isProcessAlive: (pid) => alive.has(pid) });
      writer.startRun(startOf("20261125T101500Z-dead"));
      writer.finishRun(sampleRunReport("20261125T090000Z-done"));
      expect(writer.getRunSummary("20261125T101500Z-dead")?.status).toBe("running");

      alive.delete(WRITER.pid);
      const sameHost = open({ pid: 1, host: WRITER.host, isProcessAlive: (pid) => alive.has(pid) });
      expect(sameHost.listRuns().map((run) => [run.id, run.status])).toEqual([
        ["20261125T101500Z-dead", "interrupted"],
        ["20261125T090000Z-done", "finished"],
      ]);
      expect(sameHost.getRunSummary("20261125T101500Z-dead")?.status).toBe("interrupted");
      expect(sameHost.getRun("20261125T101500Z-dead")).toBeUndefined();

      // Another host's pid means nothing here: assume it is still running.
      const otherHost = open({ pid: 1, host: "laptop", isProcessAlive: () => false });
      expect(otherHost.getRunSummary("20261125T101500Z-dead")?.status).toBe("running");
    });

    it("keeps everything across close and reopen", () => {
      const first = open();
      const report = sampleRunReport("20261125T101500Z-keep");
      first.startRun(startOf("20261125T111500Z-open", "2026-11-25T11:15:00.000Z"));
      first.finishRun(report);
      first.close();
      const second = open();
      expect(second.getRun(report.run.id)).toEqual(report);
      expect(second.listRuns().map((run) => run.id)).toEqual([
        "20261125T111500Z-open",
        report.run.id,
      ]);
    });
  });
}
