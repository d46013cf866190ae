import { describe, expect, it } from "vitest";
import { buildLiteralAutomaton, scanAutomaton } from "./literal-automaton.js";

function found(literals: string[], text: string): string[] {
  const ids = new Set<number>();
  scanAutomaton(buildLiteralAutomaton(literals), text, ids);
  return [...ids].map((id) => literals[id] as string).sort();
}

/** What the automaton must report: every literal that occurs, ignoring ASCII case. */
function naive(literals: string[], text: string): string[] {
  const lower = text.replace(/[A-Z]/g, (char) => char.toLowerCase());
  return literals.filter((literal) => lower.includes(literal.toLowerCase())).sort();
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe("literal automaton", () => {
  it("finds overlapping, nested and repeated literals in one pass", () => {
    const literals = ["abcd", "cdef", "bc", "token_1", "token_12", "ken_", "return"];
    expect(found(literals, "xabcdefx token_12 return return")).toEqual([
      "abcd",
      "bc",
      "cdef",
      "ken_",
      "return",
      "token_1",
      "token_12",
    ]);
    expect(found(literals, "abc token_")).toEqual(["bc", "ken_"]);
    expect(found(literals, "")).toEqual([]);
  });

  it("ignores ASCII case only: other characters stay as they are", () => {
    expect(found(["secret_key", "API"], "SeCrEt_KeY = api")).toEqual(["API", "secret_key"]);
    // The Kelvin sign lower-cases to "k" with toLowerCase, but a regex without
    // the u flag never matches it for "k", so neither does the automaton.
    expect(found(["key"], "\u212Aey")).toEqual([]);
    expect(found(["a-b"], "a\u00adb a\u2013b")).toEqual([]);
  });

  it("reports each scan afresh when one automaton scans many texts", () => {
    const automaton = buildLiteralAutomaton(["alpha", "beta"]);
    const first = new Set<number>();
    scanAutomaton(automaton, "alpha alpha", first);
    const second = new Set<number>();
    scanAutomaton(automaton, "beta and alpha", second);
    const third = new Set<number>();
    scanAutomaton(automaton, "nothing here", third);
    expect([[...first], [...second].sort(), [...third]]).toEqual([[0], [0, 1], []]);
  });

  it("agrees with a naive search on random literals and texts", () => {
    const next = random(42);
    const alphabet = "abcAB_-.( ";
    const word = (length: number) =>
      Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
    for (let round = 0; round < 300; round++) {
      const count = 1 + Math.floor(next() * 12);
      const literals = [
        ...new Set(Array.from({ length: count }, () => word(1 + Math.floor(next() * 5)))),
      ];
      const text = word(Math.floor(next() * 80));
      expect([round, found(literals, text)]).toEqual([round, naive(literals, text)]);
    }
  });

  it("refuses a non-ASCII literal, which the scanner sends to a regex instead", () => {
    expect(() => buildLiteralAutomaton(["straße"])).toThrow(RangeError);
  });
});
