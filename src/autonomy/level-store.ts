import type { JigDatabase } from "../store/index.js";
import type { AutonomyClass } from "./autonomy-schema.js";
import { activeDemotions, createAutonomyStore } from "./autonomy-store.js";
import type { LevelRun } from "./level-evidence.js";
import type { ActiveDemotion } from "./mode-table.js";

/** What `jig level` reads from the run store: runs, incidents and the demotions in force. */
export interface LevelStoreEvidence {
  runs: LevelRun[];
  incidents: Array<{ at: string; domain: string; subject?: string }>;
  demotions: ActiveDemotion[];
}

/**
 * Read the finished gate runs since `runsSince` (with whether the review
 * layer ran), the incidents since `incidentsSince`, and the demotions whose
 * basis still matches autonomy.yaml. Indexed reads of narrow columns: no
 * report JSON is parsed, so thousands of runs stay fast.
 */
export function readLevelStore(
  db: JigDatabase,
  options: {
    incidentsSince: string;
    /** Runs started before the oldest commit read cannot cover it: they are not read. */
    runsSince: string;
    entryFor: (agent: string, domain: string) => AutonomyClass | undefined;
  },
): LevelStoreEvidence {
  // A set from one query on layer_results_name: a correlated EXISTS per run
  // made SQLite scan that index once per run (a second on 2,000 runs).
  const reviewed = new Set(
    (
      db
        .prepare(
          "SELECT run_id FROM layer_results WHERE name = 'review' AND status IN ('passed', 'failed')",
        )
        .all() as Array<{ run_id: string }>
    ).map((row) => row.run_id),
  );
  const runs = (
    db
      .prepare(
        "SELECT id, started_at, base, head, outcome FROM runs WHERE status = 'finished' AND started_at >= @since ORDER BY started_at, id",
      )
      .all({ since: options.runsSince }) as Array<{
      id: string;
      started_at: string;
      base: string;
      head: string;
      outcome: "pass" | "fail" | "needs-human" | null;
    }>
  ).map((row) => ({
    id: row.id,
    startedAt: row.started_at,
    base: row.base,
    head: row.head,
    ...(row.outcome === null ? {} : { outcome: row.outcome }),
    reviewRan: reviewed.has(row.id),
  }));
  const store = createAutonomyStore(db);
  const incidents = store
    .events({ kinds: ["incident"], since: options.incidentsSince })
    .map((event) => ({
      at: event.at,
      domain: event.domain,
      ...(event.subject === undefined ? {} : { subject: event.subject }),
    }));
  return { runs, incidents, demotions: activeDemotions(store.demotions(), options.entryFor) };
}
