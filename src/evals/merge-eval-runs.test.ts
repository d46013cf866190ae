import { describe, expect, it } from "vitest";
import type { EvalResult, SuiteMeta } from "./eval-result.js";
import type { LoadedRun } from "./load-eval-run.js";
import { mergeRuns } from "./merge-eval-runs.js";

const meta = (scenarios: string[]): SuiteMeta => ({
  suite: "refunds",
  threshold: 0.9,
  covers: [],
  scenarios: scenarios.map((id) => ({ id, covers: [], repeat: 1 })),
});

const result = (scenario: string, status: EvalResult["status"]): EvalResult => ({
  suite: "refunds",
  scenario,
  attempt: 0,
  status,
  score: status === "pass" ? 1 : 0,
  latencyMs: 1,
  cached: false,
  assertions: [],
});

describe("mergeRuns", () => {
  it("unions the shards' scenarios, and a later shard wins a duplicate result", () => {
    const first: LoadedRun = {
      id: "shard-1",
      metas: [meta(["small", "zero"])],
      results: [result("small", "pass"), result("zero", "fail")],
    };
    const second: LoadedRun = {
      id: "shard-2",
      metas: [meta(["zero", "above-cap"])],
      results: [result("zero", "pass"), result("above-cap", "pass")],
    };
    const merged = mergeRuns([first, second]);
    expect(merged.metas).toHaveLength(1);
    expect(merged.metas[0]?.scenarios.map((scenario) => scenario.id)).toEqual([
      "small",
      "zero",
      "above-cap",
    ]);
    expect(merged.results.map((entry) => [entry.scenario, entry.status])).toEqual([
      ["above-cap", "pass"],
      ["small", "pass"],
      ["zero", "pass"],
    ]);
    // The first shard's metadata is copied, not shared.
    expect(first.metas[0]?.scenarios).toHaveLength(2);
  });
});
