import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuardFixture, type GuardFixture } from "./__fixtures__/guard-fixture.js";
import { compileCondition, failsClosed } from "./compile-condition.js";
import type { Guard } from "./guard.js";

const OPERATORS = {
  gt: [">", (a: number, b: number) => a > b],
  ge: [">=", (a: number, b: number) => a >= b],
  lt: ["<", (a: number, b: number) => a < b],
  le: ["<=", (a: number, b: number) => a <= b],
  eq: ["==", (a: number, b: number) => a === b],
  ne: ["!=", (a: number, b: number) => a !== b],
} as const;

const PAYER = `name: payer
role: Pays refunds
permissions:
  tools: { allow: ["mcp__pay__*"] }
authority:
${Object.entries(OPERATORS)
  .map(([name, [op]]) => `  - { tool: mcp__pay__${name}, when: "amount ${op} 500", then: deny }`)
  .join("\n")}
  - { tool: mcp__pay__refund, when: 'amount > 1000 || currency != "USD"', then: escalate }
  - { tool: mcp__pay__not, when: "!(amount > 5)", then: deny }
  - { tool: mcp__pay__nested, when: "order.amount > 500", then: escalate }
`;

/** Values that are not a proper number, as they reach the guard (NaN arrives from JSON as null). */
const IMPROPER: Array<[label: string, input: Record<string, unknown>]> = [
  ["absent", {}],
  ["null", { amount: null }],
  ["NaN sent as JSON", JSON.parse(JSON.stringify({ amount: Number.NaN }))],
  ["string", { amount: "1000" }],
  ["exponent string", { amount: "1e6" }],
  ["float above", { amount: 1000.5 }],
  ["float below", { amount: 499.5 }],
  ["nested object", { amount: { value: 1000 } }],
  ["array", { amount: [1000] }],
  ["boolean", { amount: true }],
];

/** Proper numbers: the rule decides on its comparison, both ways. */
const PROPER = [-1, 0, 499, 500, 501, 1e6];

describe("authority conditions fail closed", () => {
  let fixture: GuardFixture;
  let guard: Guard;
  beforeAll(async () => {
    fixture = await createGuardFixture({ agents: { "payer.yaml": PAYER } });
    guard = fixture.guard();
  });
  afterAll(() => fixture.cleanup());
  const check = (tool: string, input: Record<string, unknown>) =>
    guard.check({ agent: "payer", tool, input });

  const improper = Object.keys(OPERATORS).flatMap((name) =>
    IMPROPER.map(([label, input]) => [name, label, input] as const),
  );
  it.each(improper)("amount %s 500 with %s is denied", (name, _label, input) => {
    const decision = check(`mcp__pay__${name}`, input);
    expect(decision.decision, decision.reason).toBe("deny");
  });

  const proper = Object.entries(OPERATORS).flatMap(([name, [op, holds]]) =>
    PROPER.map((amount) => [amount, op, name, holds(amount, 500)] as const),
  );
  it.each(proper)("a proper %d %s 500 decides on the comparison", (amount, _op, name, fires) => {
    const decision = check(`mcp__pay__${name}`, { amount });
    expect(decision.decision, decision.reason).toBe(fires ? "deny" : "allow");
  });

  it("fires an escalating rule on an improper value as ask, not allow", () => {
    for (const [label, input] of IMPROPER) {
      const decision = check("mcp__pay__refund", { ...input, currency: "USD" });
      expect(decision.decision, `${label}: ${decision.reason}`).toBe("ask");
    }
  });

  it("does not let one absent field switch off the rest of an || (issue #12 row 7)", () => {
    expect(check("mcp__pay__refund", { amount: 900000 }).decision).toBe("ask");
    expect(check("mcp__pay__refund", { amount: 900, currency: null }).decision).toBe("ask");
    expect(check("mcp__pay__refund", { amount: 900, currency: 840 }).decision).toBe("ask");
    expect(check("mcp__pay__refund", { currency: "USD" }).decision).toBe("ask");
    expect(check("mcp__pay__refund", { amount: 900, currency: "EUR" }).decision).toBe("ask");
    expect(check("mcp__pay__refund", { amount: 900, currency: "USD" }).decision).toBe("allow");
  });

  it("keeps a negated comparison failing closed", () => {
    expect(check("mcp__pay__not", {}).decision).toBe("deny");
    expect(check("mcp__pay__not", { amount: "9" }).decision).toBe("deny");
    expect(check("mcp__pay__not", { amount: 3 }).decision).toBe("deny");
    expect(check("mcp__pay__not", { amount: 9 }).decision).toBe("allow");
  });

  it("checks nested fields along their whole path", () => {
    expect(check("mcp__pay__nested", {}).decision).toBe("ask");
    expect(check("mcp__pay__nested", { order: {} }).decision).toBe("ask");
    expect(check("mcp__pay__nested", { order: { amount: "9" } }).decision).toBe("ask");
    expect(check("mcp__pay__nested", { order: [500] }).decision).toBe("ask");
    expect(check("mcp__pay__nested", { order: { amount: 9 } }).decision).toBe("allow");
  });
});

describe("compileCondition", () => {
  it("reads bare names and input.x as input fields, guarded by the policy's fail-closed entry", () => {
    expect(compileCondition("amount > 500", "ops.authority.0")).toEqual({
      cedar: '(context.failClosed.contains("ops.authority.0") || (context.input.amount > 500))',
      checks: [
        { path: ["amount"], type: "present" },
        { path: ["amount"], type: "long" },
      ],
    });
    expect(compileCondition("input.amount >= 5", "p").cedar).toContain("context.input.amount >= 5");
  });

  it("types each field by what it is compared with", () => {
    const types = (when: string) =>
      compileCondition(when, "p")
        .checks.filter((check) => check.type !== "present")
        .map((check) => `${check.path.join(".")}:${check.type}`);
    expect(types('currency == "USD"')).toEqual(["currency:string"]);
    expect(types('"USD" != currency')).toEqual(["currency:string"]);
    expect(types("500 < amount")).toEqual(["amount:long"]);
    expect(types("amount == -5")).toEqual(["amount:long"]);
    expect(types("amount + fee > limit")).toEqual(["amount:long", "fee:long", "limit:long"]);
    expect(types("urgent == true")).toEqual(["urgent:boolean"]);
    expect(types('name like "a*"')).toEqual(["name:string"]);
    expect(types('tags.contains("x")')).toEqual([]);
    expect(types("order.amount > 5")).toEqual(["order.amount:long"]);
  });

  it("leaves string literals, keywords and method names alone", () => {
    const { cedar, checks } = compileCondition('note == "amount > 5" && tags.contains("a")', "p");
    expect(cedar).toContain('context.input.note == "amount > 5"');
    expect(cedar).toContain('context.input.tags.contains("a")');
    expect(checks.map((check) => check.path.join("."))).toEqual(["note", "note", "tags"]);
  });
});

describe("failsClosed", () => {
  const checks = compileCondition('amount > 500 || currency != "USD"', "p").checks;
  it("passes only when every named field is present with its compared type", () => {
    expect(failsClosed({ amount: 5, currency: "USD" }, checks)).toBe(false);
    expect(failsClosed({ amount: 5 }, checks)).toBe(true);
    expect(failsClosed({ currency: "USD" }, checks)).toBe(true);
    expect(failsClosed({ amount: "5", currency: "USD" }, checks)).toBe(true);
    expect(
      failsClosed(
        { amount: { __extn: { fn: "decimal", arg: "5.5000" } }, currency: "USD" },
        checks,
      ),
    ).toBe(true);
  });
});
