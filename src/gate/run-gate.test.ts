import { describe, expect, it } from "vitest";
import type { LayerResult } from "../contract/index.js";
import { UsageError } from "../core/errors.js";
import { fakeGateContext } from "../testing/fake-gate-context.js";
import type { Layer } from "./layer.js";
import { type GateEvent, runGate } from "./run-gate.js";

function fakeLayer(name: string, result: LayerResult | Error): Layer {
  return {
    name,
    description: name,
    async run() {
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

describe("runGate", () => {
  it("runs layers in order, numbers findings per layer and emits events", async () => {
    const events: GateEvent[] = [];
    const run = await runGate(
      fakeGateContext(["src/a.ts"]),
      [
        fakeLayer("first", {
          status: "failed",
          findings: [
            { ruleId: "R1", severity: "high", title: "a", message: "a" },
            { ruleId: "R2", severity: "low", title: "b", message: "b" },
          ],
          notes: ["n"],
        }),
        fakeLayer("second", { status: "passed", findings: [], notes: [] }),
      ],
      { onEvent: (event) => events.push(event), clock: () => 0 },
    );
    expect(run.layers.map((layer) => [layer.name, layer.status, layer.findings])).toEqual([
      ["first", "failed", 2],
      ["second", "passed", 0],
    ]);
    expect(run.findings.map((finding) => [finding.id, finding.layer])).toEqual([
      ["first-1", "first"],
      ["first-2", "first"],
    ]);
    expect(events.map((event) => `${event.type}:${event.layer}`)).toEqual([
      "layer-start:first",
      "layer-finish:first",
      "layer-start:second",
      "layer-finish:second",
    ]);
  });

  it("counts a layer's work done during preparation in its duration, so it agrees with its notes", async () => {
    const layer = fakeLayer("streamed", { status: "passed", findings: [], notes: ["13 ms"] });
    const run = await runGate(fakeGateContext(["a"]), [layer], {
      clock: () => 0,
      preparations: new Map([[layer, { spentMs: () => 13 }]]),
    });
    expect(run.layers[0]?.durationMs).toBe(13);
  });

  it("records a throwing layer as error and keeps going", async () => {
    const run = await runGate(fakeGateContext(["a"]), [
      fakeLayer("broken", new Error("catalog missing")),
      fakeLayer("after", { status: "passed", findings: [], notes: [] }),
    ]);
    expect(run.layers[0]).toMatchObject({
      name: "broken",
      status: "error",
      error: "catalog missing",
    });
    expect(run.layers[1]?.status).toBe("passed");
  });

  it("skips configured layers without running them and says why", async () => {
    let ran = false;
    const layer: Layer = {
      name: "review",
      description: "",
      async run() {
        ran = true;
        return { status: "passed", findings: [], notes: [] };
      },
    };
    const run = await runGate(fakeGateContext(["a"]), [layer], { skip: ["review"] });
    expect(ran).toBe(false);
    expect(run.layers[0]).toMatchObject({
      status: "skipped",
      skipReason: expect.stringContaining("gate.skip"),
    });
  });

  it("lets a later layer judge a criterion the spec layer listed as unchecked", async () => {
    const criterion = { id: "SPEC-0001/AC-1", specId: "SPEC-0001", criterion: "AC-1", text: "t" };
    const run = await runGate(fakeGateContext(["a"]), [
      fakeLayer("spec", {
        status: "passed",
        findings: [],
        notes: [],
        criteria: [{ ...criterion, status: "unchecked" }],
      }),
      fakeLayer("review", {
        status: "passed",
        findings: [],
        notes: [],
        criteria: [{ ...criterion, status: "not_met" }],
      }),
    ]);
    expect(run.criteria).toEqual([
      {
        ...criterion,
        status: "not_met",
        layer: "review",
        sources: [{ kind: "review", status: "not_met", detail: "", layer: "review" }],
      },
    ]);
    expect(run.layers[1]?.status).toBe("failed");
  });

  it("keeps the strongest judgement of a criterion: a later met never hides an earlier not_met", async () => {
    const criterion = { id: "SPEC-0001/AC-2", specId: "SPEC-0001", criterion: "AC-2", text: "t" };
    const run = await runGate(fakeGateContext(["a"]), [
      fakeLayer("spec", {
        status: "passed",
        findings: [],
        notes: [],
        criteria: [{ ...criterion, status: "unchecked" }],
      }),
      fakeLayer("review", {
        status: "passed",
        findings: [],
        notes: [],
        criteria: [{ ...criterion, status: "not_met" }],
      }),
      fakeLayer("evals", {
        status: "passed",
        findings: [],
        notes: [],
        criteria: [{ ...criterion, status: "met" }],
      }),
    ]);
    // The stricter source decides, and the report keeps both.
    expect(run.criteria).toEqual([
      {
        ...criterion,
        status: "not_met",
        layer: "review",
        sources: [
          { kind: "review", status: "not_met", detail: "", layer: "review" },
          { kind: "evals", status: "met", detail: "", layer: "evals" },
        ],
      },
    ]);
  });

  it("lets met evidence replace an unclear judgement", async () => {
    const criterion = { id: "SPEC-0001/AC-1", specId: "SPEC-0001", criterion: "AC-1", text: "t" };
    const run = await runGate(fakeGateContext(["a"]), [
      fakeLayer("review", {
        status: "passed",
        findings: [],
        notes: [],
        criteria: [{ ...criterion, status: "unclear" }],
      }),
      fakeLayer("evals", {
        status: "passed",
        findings: [],
        notes: [],
        criteria: [{ ...criterion, status: "met" }],
      }),
    ]);
    expect(run.criteria).toMatchObject([{ ...criterion, status: "met", layer: "evals" }]);
    expect(run.criteria[0]?.sources?.map((source) => source.status)).toEqual(["unclear", "met"]);
  });

  it("meets a criterion only with a kind of evidence gate.evidence counts", async () => {
    const criterion = { id: "SPEC-0001/AC-1", specId: "SPEC-0001", criterion: "AC-1", text: "t" };
    const context = fakeGateContext(["a"]);
    context.config.gate.evidence = ["evals", "tests"];
    const run = await runGate(context, [
      fakeLayer("review", {
        status: "passed",
        findings: [],
        notes: [],
        criteria: [{ ...criterion, status: "met", evidence: "the handler checks it" }],
      }),
    ]);
    expect(run.criteria).toMatchObject([
      { status: "unclear", evidence: "the handler checks it", layer: "review" },
    ]);
  });

  it("keeps the code of a typed error, thrown or returned, so callers need not read its text", async () => {
    const run = await runGate(fakeGateContext(["a"]), [
      fakeLayer("review", new UsageError("would exceed --max-cost", { code: "models/budget" })),
      fakeLayer("evals", {
        status: "error",
        findings: [],
        notes: [],
        error: "suite missing",
        errorCode: "evals/missing",
      }),
      fakeLayer("holdout", new Error("a plain bug")),
    ]);
    expect(run.layers.map((layer) => [layer.name, layer.status, layer.errorCode])).toEqual([
      ["review", "error", "models/budget"],
      ["evals", "error", "evals/missing"],
      ["holdout", "error", undefined],
    ]);
  });

  it("hands each layer back what its prepare returned", async () => {
    const preparation = {};
    let received: unknown;
    const layer = {
      name: "prepared",
      description: "prepared",
      prepare: () => preparation,
      async run(_context: unknown, handed: unknown) {
        received = handed;
        return { status: "passed" as const, findings: [], notes: [] };
      },
    };
    await runGate(fakeGateContext(["a"]), [layer], {
      preparations: new Map([[layer, preparation]]),
    });
    expect(received).toBe(preparation);
  });
});
