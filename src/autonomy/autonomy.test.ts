import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openJigDatabase } from "../store/index.js";
import {
  activeDemotions,
  agreementInterval,
  classBasis,
  createAutonomyStore,
  createDomainMatcher,
  createModeTable,
  parseAutonomy,
  stepDown,
  touchedDomains,
} from "./index.js";

describe("agreementInterval", () => {
  it("matches the textbook interval and stays honest at small counts", () => {
    const i = agreementInterval(95, 100);
    expect(i.low).toBeCloseTo(0.8882, 3);
    expect(i.high).toBeCloseTo(0.9785, 3);
    expect(agreementInterval(3, 3).low).toBeCloseTo(0.4385, 3);
    expect(agreementInterval(0, 0)).toMatchObject({ decisions: 0, low: 0, high: 1 });
  });
});

describe("parseAutonomy", () => {
  it("applies the default rules and reports a duplicate class at its line", () => {
    const ok = parseAutonomy(
      "classes:\n  - {agent: coder, domain: docs, mode: full-auto}\n",
      "autonomy.yaml",
    );
    expect(ok.autonomy?.promote.supervised).toEqual({ agreement: 0.95, decisions: 50 });
    expect(ok.autonomy?.sample).toBe(0.1);
    const dup = parseAutonomy(
      "classes:\n  - {agent: coder, domain: docs, mode: full-auto}\n  - {agent: coder, domain: docs, mode: shadow}\n",
      "autonomy.yaml",
    );
    expect(dup.problems).toHaveLength(1);
    expect(dup.problems[0]).toMatchObject({ code: "autonomy/duplicate-class", line: 3 });
    const bad = parseAutonomy(
      "classes:\n  - {agent: coder, domain: docs, mode: yolo}\n",
      "autonomy.yaml",
    );
    expect(bad.problems[0]?.line).toBe(2);
  });
});

describe("createModeTable", () => {
  const file = parseAutonomy(
    [
      "classes:",
      "  - {agent: coder, domain: docs, mode: full-auto}",
      "  - {agent: coder, domain: billing, mode: auto-logged, actions: [edit]}",
      "  - {agent: '*', domain: billing, mode: shadow}",
      "  - {agent: coder, domain: '*', mode: blocked, actions: [command]}",
    ].join("\n"),
    "autonomy.yaml",
  ).autonomy;

  it("prefers the most specific entry and defaults to supervised", () => {
    const table = createModeTable(file);
    expect(table.resolve("coder", ["docs"], "edit").mode).toBe("full-auto");
    expect(table.resolve("coder", ["billing"], "edit").mode).toBe("auto-logged");
    expect(table.resolve("coder", ["billing"], "command").mode).toBe("shadow");
    expect(table.resolve("other", ["docs"], "edit").mode).toBe("supervised");
    expect(table.resolve("coder", ["*"], "command").mode).toBe("blocked");
    expect(table.resolve("coder", ["*"], "edit").mode).toBe("supervised");
  });

  it("takes the strictest domain of a call and lets a demotion only lower", () => {
    const table = createModeTable(file, [{ agent: "coder", domain: "docs", to: "supervised" }]);
    expect(table.resolve("coder", ["docs"], "edit")).toMatchObject({
      mode: "supervised",
      domain: "docs",
    });
    expect(table.resolve("coder", ["docs", "billing"], "command")).toMatchObject({
      mode: "shadow",
      domain: "billing",
    });
    const raise = createModeTable(file, [{ agent: "coder", domain: "billing", to: "full-auto" }]);
    expect(raise.resolve("coder", ["billing"], "edit").mode).toBe("auto-logged");
    expect(stepDown("blocked")).toBe("blocked");
  });
});

describe("domains", () => {
  it("maps paths to configured domains, and the rest to *", () => {
    const match = createDomainMatcher({
      billing: ["src/billing/**"],
      docs: ["docs/**", "**/*.md"],
    });
    expect(match("src/billing/fee.ts")).toEqual(["billing"]);
    expect(match("docs/a.md")).toEqual(["docs"]);
    expect(match("src/app.ts")).toEqual(["*"]);
    expect(touchedDomains(match, ["src/billing/x.ts", "README.md", "src/y.ts"])).toEqual([
      "*",
      "billing",
      "docs",
    ]);
  });
});

describe("createAutonomyStore", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("records evidence once per outcome subject and keeps demotions until a re-grant", () => {
    const dir = mkdtempSync(join(tmpdir(), "jig-autonomy-"));
    dirs.push(dir);
    const db = openJigDatabase(join(dir, "jig.db"));
    const store = createAutonomyStore(db);
    const outcome = {
      at: "2026-12-01T00:00:00Z",
      agent: "coder",
      domain: "docs",
      kind: "outcome" as const,
      outcome: "agree" as const,
      subject: "abc",
    };
    expect(
      store.record([outcome, outcome, { ...outcome, kind: "gate", detail: { verdict: "pass" } }]),
    ).toBe(2);
    expect(store.record([outcome])).toBe(0);
    expect(store.events({ agent: "coder", kinds: ["gate"] })[0]?.detail).toEqual({
      verdict: "pass",
    });

    const entry = parseAutonomy(
      "classes:\n  - {agent: coder, domain: docs, mode: full-auto}\n",
      "a",
    ).autonomy?.classes[0];
    store.demote({
      at: "2026-12-02T00:00:00Z",
      agent: "coder",
      domain: "docs",
      from: "full-auto",
      to: "supervised",
      trigger: "incident",
      reason: "revert of abc",
      basis: classBasis(entry, "coder", "docs"),
    });
    expect(activeDemotions(store.demotions(), () => entry)).toEqual([
      { agent: "coder", domain: "docs", to: "supervised" },
    ]);
    const regranted = entry ? { ...entry, since: "2026-12-03" } : undefined;
    expect(activeDemotions(store.demotions(), () => regranted)).toEqual([]);
    db.close();
  });
});
