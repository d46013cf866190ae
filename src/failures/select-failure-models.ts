import type { Change } from "../core/index.js";
import { compileGlobs } from "../core/index.js";
import type { Spec } from "../spec/index.js";
import type { CatalogEntry } from "./failure-model.js";

/** Why an entry was judged relevant to a change. */
export type SelectionReason = "spec" | "detector-hit" | "domain" | "applies-to";

/** A relevant entry and every reason it was selected. */
export interface SelectedFailureModel {
  entry: CatalogEntry;
  reasons: SelectionReason[];
}

/**
 * The catalog entries relevant to a change, most relevant first: those the
 * spec names in `failureModels`, those whose detector fired (`hits`: ids),
 * those of the spec's domains that apply to a changed file, and those whose
 * explicit `appliesTo` matches a changed file. Entries without `appliesTo`
 * that no spec names and no detector hit are left out: they would match
 * every change. The AI reviewer gets only this list, not the whole catalog.
 *
 * @example
 * const relevant = selectFailureModels(change, spec, catalog.entries, { hits: findings.map((f) => f.ruleId) });
 */
export function selectFailureModels(
  change: Change,
  spec: Pick<Spec, "failureModels" | "domains"> | undefined,
  catalog: ReadonlyArray<CatalogEntry>,
  options: { hits?: Iterable<string> } = {},
): SelectedFailureModel[] {
  const named = new Set(spec?.failureModels ?? []);
  const domains = new Set((spec?.domains ?? []).map((domain) => domain.toLowerCase()));
  const hits = new Set(options.hits ?? []);
  const paths = change.files.flatMap((file) =>
    file.oldPath ? [file.path, file.oldPath] : [file.path],
  );
  const selected: SelectedFailureModel[] = [];
  for (const entry of catalog) {
    const reasons: SelectionReason[] = [];
    if (named.has(entry.id)) reasons.push("spec");
    if (hits.has(entry.id)) reasons.push("detector-hit");
    let applies: boolean | undefined;
    if (entry.appliesTo) {
      const matches = compileGlobs(entry.appliesTo, { dot: true }, `${entry.id} appliesTo`);
      applies = paths.some((path) => matches(path));
    }
    if (domains.has(entry.domain.toLowerCase()) && applies !== false && paths.length > 0)
      reasons.push("domain");
    if (applies === true) reasons.push("applies-to");
    if (reasons.length > 0) selected.push({ entry, reasons });
  }
  const rank = (item: SelectedFailureModel) =>
    Math.min(...item.reasons.map((reason) => REASON_ORDER[reason]));
  return selected.sort((left, right) => rank(left) - rank(right));
}

const REASON_ORDER: Record<SelectionReason, number> = {
  spec: 0,
  "detector-hit": 1,
  domain: 2,
  "applies-to": 3,
};
