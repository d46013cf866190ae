import type { CriterionEvidence, CriterionResult, CriterionStatus } from "../contract/index.js";

/**
 * A criterion's status from every source that judged it. The stricter source
 * wins: one `not_met` fails it whoever else says `met`. Otherwise it is `met`
 * only when a counted kind of evidence (`gate.evidence`) says so; a `met`
 * from an uncounted kind, or any `unclear`, leaves it `unclear`; no source
 * at all leaves it `unchecked`. Pure.
 */
export function settleCriterion(
  sources: readonly CriterionEvidence[],
  counted: readonly string[],
): { status: CriterionStatus; deciding?: CriterionEvidence } {
  const unmet = sources.find((source) => source.status === "not_met");
  if (unmet) return { status: "not_met", deciding: unmet };
  const met = sources.find((source) => source.status === "met" && counted.includes(source.kind));
  if (met) return { status: "met", deciding: met };
  const unclear = sources.find((source) => source.status === "unclear") ?? sources[0];
  if (unclear) return { status: "unclear", deciding: unclear };
  return { status: "unchecked" };
}

/**
 * Fold one layer's criteria into the run's. Each judgement becomes a source
 * (of the kind the layer says, or the layer's own name), and the criterion's
 * status is settled again from all of its sources. The spec layer's
 * `unchecked` listing carries no source; it only names the criteria.
 */
export function foldCriteria(
  run: CriterionResult[],
  incoming: readonly CriterionResult[],
  layer: string,
  counted: readonly string[],
): void {
  for (const criterion of incoming) {
    const judged: CriterionEvidence[] =
      criterion.sources ??
      (criterion.status === "unchecked"
        ? []
        : [
            {
              kind: layer,
              status: criterion.status,
              detail: criterion.evidence ?? "",
              layer,
            },
          ]);
    const stamped = judged.map((source) => ({ ...source, layer: source.layer ?? layer }));
    const index = run.findIndex((item) => item.id === criterion.id);
    const current = run[index];
    const base = current ?? { ...criterion, status: "unchecked" as const, sources: [] };
    const sources = [...(base.sources ?? []), ...stamped];
    const { status, deciding } = settleCriterion(sources, counted);
    const settled: CriterionResult = {
      id: base.id,
      specId: base.specId,
      criterion: base.criterion,
      text: base.text,
      status,
      sources,
    };
    if (deciding) {
      if (deciding.detail !== "") settled.evidence = deciding.detail;
      if (deciding.layer !== undefined) settled.layer = deciding.layer;
    } else if (base.evidence !== undefined) settled.evidence = base.evidence;
    if (index === -1) run.push(settled);
    else run[index] = settled;
  }
}
