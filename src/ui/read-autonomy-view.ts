import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { guardEvidence } from "../agents/guard-evidence.js";
import type { LevelReport } from "../autonomy/assess-level.js";
import { AUTONOMY_FILE } from "../autonomy/autonomy-schema.js";
import { buildAutonomyStatus } from "../autonomy/autonomy-status.js";
import { createAutonomyStore } from "../autonomy/autonomy-store.js";
import { parseAutonomy } from "../autonomy/parse-autonomy.js";
import type { JigDatabase } from "../store/index.js";
import type { AutonomyView } from "./render-autonomy.js";

/**
 * The Autonomy page's data: the class map as `jig autonomy status` builds it
 * (the work tree's autonomy.yaml, recorded evidence, guard decisions and
 * demotions), and the Dark Factory level from `level` (cached by the caller).
 */
export async function readAutonomyView(input: {
  root: string;
  db: JigDatabase;
  domains: string[];
  now: Date;
  level: () => Promise<{ report?: LevelReport; error?: string }>;
}): Promise<AutonomyView> {
  const text = await readFile(join(input.root, AUTONOMY_FILE), "utf8").catch(() => undefined);
  const parsed = text === undefined ? undefined : parseAutonomy(text, AUTONOMY_FILE);
  const store = createAutonomyStore(input.db);
  const status = buildAutonomyStatus({
    file: parsed?.autonomy,
    events: [...store.events(), ...guardEvidence(input.db)],
    demotions: store.demotions(),
    domains: input.domains,
    now: input.now,
  });
  const level = await input.level();
  const problems = parsed && !parsed.autonomy ? parsed.problems.map((p) => p.message) : [];
  return {
    status,
    ...(level.report ? { level: level.report } : {}),
    ...(level.error ? { levelError: level.error } : {}),
    ...(problems.length > 0 ? { autonomyProblems: problems } : {}),
  };
}
