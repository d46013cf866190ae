import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openJigDatabase } from "../store/index.js";
import {
  activeDemotions,
  classBasis,
  createAutonomyStore,
  createModeTable,
  parseAutonomy,
} from "./index.js";
import { modelChangeDemotions } from "./model-change-demotions.js";

const file = parseAutonomy(
  [
    "classes:",
    "  - agent: coder",
    "    domain: billing",
    "    mode: full-auto",
    "    earnedWith: {coder: 'anthropic:claude-sonnet-4-5', reviewer: 'openai:gpt-4.1'}",
    "  - agent: '*'",
    "    domain: docs",
    "    mode: auto-logged",
    "    earnedWith: {reviewer: 'openai:gpt-4.1'}",
    "  - {agent: coder, domain: api, mode: full-auto}",
    "  - agent: coder",
    "    domain: legacy",
    "    mode: blocked",
    "    earnedWith: {coder: 'anthropic:claude-sonnet-4-5'}",
  ].join("\n"),
  "autonomy.yaml",
).autonomy;
if (!file) throw new Error("fixture autonomy.yaml is invalid");

const now = new Date("2026-12-05T10:00:00Z");
const earned = { coder: "anthropic:claude-sonnet-4-5", reviewer: "openai:gpt-4.1" };

describe("modelChangeDemotions", () => {
  it("owes nothing while the check runs with the models the modes were earned with", () => {
    expect(modelChangeDemotions({ file, models: earned, recorded: [], now })).toEqual([]);
  });

  it("demotes one step every entry whose coder or reviewer changed, naming old → new", () => {
    const owed = modelChangeDemotions({
      file,
      models: { ...earned, coder: "anthropic:claude-opus-4-1" },
      recorded: [],
      now,
    });
    // docs was earned with the reviewer only; api has no earnedWith; blocked cannot go lower.
    expect(owed).toEqual([
      {
        at: now.toISOString(),
        agent: "coder",
        domain: "billing",
        from: "full-auto",
        to: "auto-logged",
        trigger: "model-change",
        reason: expect.stringContaining(
          "coder anthropic:claude-sonnet-4-5 → anthropic:claude-opus-4-1",
        ),
        basis: classBasis(file.classes[0], "coder", "billing"),
      },
    ]);
    const reviewer = modelChangeDemotions({
      file,
      models: { coder: earned.coder },
      recorded: [],
      now,
    });
    expect(reviewer.map((d) => [d.agent, d.domain, d.to, d.reason.split(":")[0]])).toEqual([
      ["coder", "billing", "auto-logged", "full-auto was earned with another model"],
      ["*", "docs", "supervised", "auto-logged was earned with another model"],
    ]);
    expect(reviewer[1]?.reason).toContain("reviewer openai:gpt-4.1 → (none)");
  });

  it("is not owed again once recorded, and a re-granted entry (new basis) is owed afresh", () => {
    const models = { ...earned, coder: "anthropic:claude-opus-4-1" };
    const first = modelChangeDemotions({ file, models, recorded: [], now });
    expect(modelChangeDemotions({ file, models, recorded: first, now })).toEqual([]);
    const regranted = parseAutonomy(
      [
        "classes:",
        "  - agent: coder",
        "    domain: billing",
        "    mode: full-auto",
        "    earnedWith: {coder: 'anthropic:claude-opus-4-1', reviewer: 'openai:gpt-4.1'}",
      ].join("\n"),
      "autonomy.yaml",
    ).autonomy;
    if (!regranted) throw new Error("invalid");
    // Re-granted with the new model: nothing owed, and the old demotion no longer holds.
    expect(modelChangeDemotions({ file: regranted, models, recorded: first, now })).toEqual([]);
    const entryFor = (agent: string, domain: string) =>
      regranted.classes.find((entry) => entry.agent === agent && entry.domain === domain);
    expect(activeDemotions(first, entryFor)).toEqual([]);
  });
});

describe("a model-change demotion in the mode table", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("lowers a `*` entry for every agent it serves, through the real store", () => {
    const dir = mkdtempSync(join(tmpdir(), "jig-model-change-"));
    dirs.push(dir);
    const db = openJigDatabase(join(dir, "jig.db"));
    try {
      const store = createAutonomyStore(db);
      for (const demotion of modelChangeDemotions({ file, models: {}, recorded: [], now })) {
        store.demote(demotion);
      }
      const entryFor = (agent: string, domain: string) =>
        file.classes.find((entry) => entry.agent === agent && entry.domain === domain);
      const table = createModeTable(file, activeDemotions(store.demotions(), entryFor));
      expect(table.resolve("coder", ["billing"], "edit").mode).toBe("auto-logged");
      expect(table.resolve("helper", ["docs"], "edit").mode).toBe("supervised");
      expect(table.resolve("coder", ["api"], "edit").mode).toBe("full-auto");
    } finally {
      db.close();
    }
  });
});
