import { mkdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { JigConfig } from "../config/config-schema.js";
import { resolveStorePath } from "../core/resolve-store-path.js";
import { openStoreDatabase, resolveStoreUrl } from "../store/index.js";
import type { Escalation } from "./escalation-reason.js";
import { renderEscalationMarkdown } from "./render-escalation-markdown.js";

/**
 * Hand the loop over to a human: `.jig/escalations/<id>.json` (everything,
 * machine-readable), `<id>.md` (what a human reads first) and a row in the
 * store's `escalations` table. Returns the Markdown file's absolute path.
 */
export async function writeEscalation(input: {
  repoRoot: string;
  config: JigConfig;
  /** For JIG_STORE_URL: the escalation goes to the team store when one is set. */
  env?: Readonly<Record<string, string | undefined>>;
  escalation: Escalation;
  /** Coder rounds run (the check before the first is not one). */
  rounds: number;
  lastRunId: string;
}): Promise<string> {
  const { repoRoot, escalation } = input;
  const dir = join(repoRoot, ".jig", "escalations");
  await mkdir(dir, { recursive: true });
  const markdownPath = join(dir, `${escalation.id}.md`);
  await writeFile(join(dir, `${escalation.id}.json`), `${JSON.stringify(escalation, null, 2)}\n`);
  await writeFile(markdownPath, renderEscalationMarkdown(escalation));
  const db = openStoreDatabase({
    path: resolveStorePath(repoRoot, input.config.store.path),
    url: resolveStoreUrl(input.config.store.url, input.env ?? {}),
  });
  try {
    db.prepare(
      `INSERT INTO escalations (id, created_at, reason, rounds, spec_id, last_run_id, cost_usd, path, detail_json)
       VALUES (@id, @createdAt, @reason, @rounds, @specId, @lastRunId, @cost, @path, @detail)`,
    ).run({
      id: escalation.id,
      createdAt: escalation.createdAt,
      reason: escalation.reason,
      rounds: input.rounds,
      specId: escalation.spec?.id ?? null,
      lastRunId: input.lastRunId,
      cost: escalation.totalCostUsd,
      path: relative(repoRoot, markdownPath),
      detail: JSON.stringify(escalation),
    });
  } finally {
    db.close();
  }
  return markdownPath;
}
