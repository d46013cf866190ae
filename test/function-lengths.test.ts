import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  findLongFunctions,
  formatOffender,
  measureFunctionLengths,
  measureTree,
} from "../scripts/function-lengths.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MAX_OWN_LINES = 120;

/** `lines` lines of plain statements, so a test can say exactly how long a body is. */
function statements(count: number, indent = "  "): string {
  return Array.from({ length: count }, (_, index) => `${indent}total += ${index};`).join("\n");
}

function lengthsOf(source: string) {
  return Object.fromEntries(
    measureFunctionLengths(source, "example.ts").map((entry) => [
      entry.name,
      { own: entry.ownLines, total: entry.totalLines, line: entry.line },
    ]),
  );
}

describe("measureFunctionLengths", () => {
  it("counts a function from its first token to its closing brace, JSDoc left out", () => {
    const source = `/**\n * Docs.\n */\nexport function plain(): number {\n  let total = 0;\n${statements(3)}\n  return total;\n}\n`;
    expect(lengthsOf(source)).toEqual({ plain: { own: 7, total: 7, line: 4 } });
  });

  it("counts nested functions apart from the function they sit in", () => {
    const source = [
      "export function outer() {",
      "  let total = 0;",
      "  const inner = () => {",
      statements(4, "    "),
      "  };",
      "  function declared() {",
      statements(2, "    "),
      "  }",
      "  if (total > 0) {",
      "    const deeper = function () {",
      statements(1, "      "),
      "    };",
      "  }",
      "  return total;",
      "}",
    ].join("\n");
    expect(lengthsOf(source)).toEqual({
      outer: { own: 19 - 6 - 4 - 3, total: 19, line: 1 },
      "outer.inner": { own: 6, total: 6, line: 3 },
      "outer.declared": { own: 4, total: 4, line: 9 },
      "outer.deeper": { own: 3, total: 3, line: 14 },
    });
  });

  it("leaves one-line callbacks in their parent's count", () => {
    const source = [
      "const pick = (items: { id: string }[]) => {",
      "  const ids = items.map((item) => item.id);",
      "  return ids.filter((id) => id.length > 0);",
      "};",
    ].join("\n");
    const lengths = lengthsOf(source);
    expect(lengths.pick).toEqual({ own: 4, total: 4, line: 1 });
    expect(Object.keys(lengths)).toHaveLength(3);
  });

  it("names methods, accessors and constructors after their class, and object-literal members after their key", () => {
    const source = [
      "class Store {",
      "  constructor() {}",
      "  get size() {",
      "    return 1;",
      "  }",
      "  load() {",
      "    return 2;",
      "  }",
      "}",
      "export function create() {",
      "  return {",
      "    get(key: string) {",
      "      return key;",
      "    },",
      "    set: (key: string) => {",
      "      void key;",
      "    },",
      "  };",
      "}",
    ].join("\n");
    expect(Object.keys(lengthsOf(source)).sort()).toEqual([
      "Store.constructor",
      "Store.load",
      "Store.size",
      "create",
      "create.get",
      "create.set",
    ]);
  });

  it("skips declarations without a body", () => {
    const source = [
      "export function overloaded(value: string): string;",
      "export function overloaded(value: number): number;",
      "export function overloaded(value: unknown) {",
      "  return value;",
      "}",
    ].join("\n");
    expect(measureFunctionLengths(source, "example.ts")).toHaveLength(1);
  });

  it("finds only the functions whose own lines exceed the limit, longest first", () => {
    const source = [
      `function long() {\n${statements(130)}\n}`,
      `function longer() {\n${statements(140)}\n}`,
      `function factory() {\n  const a = () => {\n${statements(100)}\n  };\n  const b = () => {\n${statements(100)}\n  };\n  return [a, b];\n}`,
      `function atTheLimit() {\n${statements(118)}\n}`,
    ].join("\n");
    const offenders = findLongFunctions(measureFunctionLengths(source, "example.ts"), 120);
    expect(offenders.map((entry) => [entry.name, entry.ownLines])).toEqual([
      ["longer", 142],
      ["long", 132],
    ]);
  });
});

describe("function lengths in src/", () => {
  it(`has no function with more than ${MAX_OWN_LINES} lines of its own`, () => {
    const offenders = findLongFunctions(measureTree(ROOT, "src"), MAX_OWN_LINES);
    expect(offenders.map(formatOffender)).toEqual([]);
  });
});
