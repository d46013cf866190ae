import { stepDown } from "./autonomy-mode.js";
import type { AutonomyFile } from "./autonomy-schema.js";
import { classBasis, type Demotion } from "./autonomy-store.js";

/** The models a check runs with: config `models.coder` / `models.reviewer`, after env overrides. */
export interface CheckModels {
  coder?: string | undefined;
  reviewer?: string | undefined;
}

/**
 * The model-change demotions a check owes: every class entry whose
 * `earnedWith` names a coder or reviewer model other than the one this check
 * runs with goes one step down. Evidence earned with one model says little
 * about another, so nobody has to notice the config change: the next
 * `jig check` does. A demotion already recorded for the same entry (same
 * basis) is not owed again; a person re-granting the entry (a new
 * `earnedWith`) changes its basis and lifts it. Pure.
 */
export function modelChangeDemotions(input: {
  file: AutonomyFile;
  models: CheckModels;
  /** Every demotion recorded so far (AutonomyStore.demotions()). */
  recorded: readonly Demotion[];
  now: Date;
}): Demotion[] {
  const owed: Demotion[] = [];
  for (const entry of input.file.classes) {
    const earned = entry.earnedWith;
    if (!earned) continue;
    const changes: string[] = [];
    for (const role of ["coder", "reviewer"] as const) {
      const was = earned[role];
      const now = input.models[role];
      if (was !== undefined && was !== now) changes.push(`${role} ${was} → ${now ?? "(none)"}`);
    }
    if (changes.length === 0) continue;
    const to = stepDown(entry.mode);
    if (to === entry.mode) continue;
    const basis = classBasis(entry, entry.agent, entry.domain);
    const already = [...input.recorded, ...owed].some(
      (demotion) =>
        demotion.trigger === "model-change" &&
        demotion.agent === entry.agent &&
        demotion.domain === entry.domain &&
        demotion.basis === basis,
    );
    if (already) continue;
    owed.push({
      at: input.now.toISOString(),
      agent: entry.agent,
      domain: entry.domain,
      from: entry.mode,
      to,
      trigger: "model-change",
      reason: `${entry.mode} was earned with another model: ${changes.join(", ")}; ${to} until a person re-grants it (jig autonomy propose)`,
      basis,
    });
  }
  return owed;
}
