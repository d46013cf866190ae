import { describe, expect, it } from "vitest";
import { configSchema } from "../config/index.js";
import type { Layer } from "../gate/layer.js";
import { gateConfigFor, layersToPrepare, planCheck } from "./plan-check.js";

const layer = (name: string, prepares: boolean): Layer => ({
  name,
  description: name,
  ...(prepares ? { prepare: () => ({}) } : {}),
  run: async () => ({ status: "passed", findings: [], notes: [] }),
});

describe("planCheck", () => {
  it("runs the whole gate by default: spec, model set-up, policy, recorded, hunks kept", () => {
    expect(planCheck({ base: "main", head: "HEAD" })).toEqual({
      change: { kind: "range", base: "main", head: "HEAD" },
      repositoryOptional: false,
      checkModels: true,
      citeSpec: true,
      applyGatePolicy: true,
      record: true,
      keepHunks: true,
    });
    expect(planCheck({ record: false }).record).toBe(false);
  });

  it("runs given layers alone with the layers scope: no spec, no model check, no policy, not recorded", () => {
    const plan = planCheck({
      scope: "layers",
      diff: { text: "x", label: "a.diff" },
      keepHunks: false,
    });
    expect(plan).toMatchObject({
      change: { kind: "diff", text: "x", label: "a.diff" },
      repositoryOptional: true,
      checkModels: false,
      citeSpec: false,
      applyGatePolicy: false,
      record: false,
      keepHunks: false,
    });
  });
});

describe("gateConfigFor and layersToPrepare", () => {
  const config = configSchema.parse({ gate: { require: ["review"], skip: ["scope"] } });

  it("drops gate.require and gate.skip only without the gate policy", () => {
    expect(gateConfigFor(config, { applyGatePolicy: true })).toBe(config);
    const bare = gateConfigFor(config, { applyGatePolicy: false });
    expect(bare.gate.require).toEqual([]);
    expect(bare.gate.skip).toEqual([]);
    expect(bare.gate.failOn).toBe(config.gate.failOn);
    expect(config.gate.skip).toEqual(["scope"]);
  });

  it("prepares only layers that ask for it and that the run does not skip", () => {
    const layers = [layer("spec", false), layer("scope", true), layer("failure-models", true)];
    expect(layersToPrepare(layers, config).map((item) => item.name)).toEqual(["failure-models"]);
  });
});
