import { describe, expect, it } from "vitest";
import type { EvalResult, SuiteMeta } from "./eval-result.js";
import type { LoadedRun } from "./load-eval-run.js";
import { mergeRuns, shardSetProblem } from "./merge-eval-runs.js";

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

describe("shardSetProblem", () => {
  const shard = (id: string, k: number, n: number, head = "a1"): LoadedRun => ({
    id,
    shard: `${k}/${n}`,
    head,
    metas: [meta([`s${k}`])],
    results: [],
  });

  it("accepts one complete split, in any order", () => {
    expect(shardSetProblem([shard("c", 3, 3), shard("a", 1, 3), shard("b", 2, 3)])).toBeUndefined();
  });

  it("names a missing shard, a shard given twice, a mixed split and a run that is no shard", () => {
    expect(shardSetProblem([shard("a", 1, 3), shard("c", 3, 3)])).toBe(
      "shard 2/3 is missing; run 'jig eval run --shard 2/3' and pass its report too",
    );
    expect(shardSetProblem([shard("a", 1, 2), shard("b", 1, 2), shard("c", 2, 2)])).toBe(
      "shard 1/2 is given twice (runs a and b)",
    );
    expect(shardSetProblem([shard("a", 1, 2), shard("a", 1, 2), shard("c", 2, 2)])).toBe(
      "run a is given twice; pass each shard's report once",
    );
    expect(shardSetProblem([shard("a", 1, 2), shard("b", 2, 3)])).toMatch(/different splits/);
    expect(shardSetProblem([shard("a", 1, 2), { id: "w", metas: [], results: [] }])).toBe(
      "run w is not a shard, but the others are; merge only the shards of one split",
    );
    expect(shardSetProblem([shard("a", 1, 2, "aaa"), shard("b", 2, 2, "bbb")])).toBe(
      "the shards ran at different commits (aaa, bbb); rerun them at one commit",
    );
  });

  it("puts a split's scenarios back in the unsplit order", () => {
    const one: LoadedRun = { id: "a", shard: "1/2", metas: [meta(["s0", "s2"])], results: [] };
    const two: LoadedRun = { id: "b", shard: "2/2", metas: [meta(["s1", "s3"])], results: [] };
    const ids = (runs: LoadedRun[]) => mergeRuns(runs).metas[0]?.scenarios.map((s) => s.id);
    expect(ids([two, one])).toEqual(["s0", "s1", "s2", "s3"]);
    expect(ids([one, two])).toEqual(["s0", "s1", "s2", "s3"]);
  });
});
