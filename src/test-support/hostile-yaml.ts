import { YAML_LIMITS } from "../core/yaml-limits.js";

/** A billion-laughs document: each anchor is a list of nine aliases of the one before. */
export function aliasBomb(levels: number): string {
  const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"];
  for (let level = 1; level <= levels; level++)
    lines.push(
      `a${level}: &a${level} [${Array(9)
        .fill(`*a${level - 1}`)
        .join(", ")}]`,
    );
  return `${lines.join("\n")}\n`;
}

/**
 * Each input once made a later step throw (exit 4) or abort; each must now be
 * one problem at the line and column that is wrong. Shared, so a fuzz test
 * can seed its mutations with them and reuse the same expectations.
 */
export const HOSTILE_YAML: ReadonlyArray<{
  name: string;
  text: string;
  /** The one problem's code, and where it points (line, column). */
  code: string;
  at: [number, number];
}> = [
  {
    name: "an undefined alias",
    text: "version: 1\ngate:\n  failOn: *undefined_alias\n",
    code: "yaml/alias",
    at: [3, 11],
  },
  { name: "an alias bomb", text: aliasBomb(9), code: "yaml/alias", at: [4, 10] },
  {
    name: "an anchor used 101 times",
    text: `a: &a 1\n${Array.from({ length: 101 }, (_, index) => `k${index}: *a`).join("\n")}\n`,
    code: "yaml/alias",
    at: [101, 6],
  },
  {
    name: "a self-referencing anchor",
    text: "input: &x {k: *x}\n",
    code: "yaml/circular",
    at: [1, 15],
  },
  {
    name: "flow nesting past the depth limit",
    text: `a: ${"[".repeat(3000)}${"]".repeat(3000)}\n`,
    code: "yaml/too-deep",
    at: [1, 4 + YAML_LIMITS.maxDepth - 1],
  },
  {
    name: "block nesting past the depth limit",
    text: `${Array.from({ length: 200 }, (_, index) => `${" ".repeat(index)}k:`).join("\n")} 1\n`,
    code: "yaml/too-deep",
    at: [YAML_LIMITS.maxDepth + 1, YAML_LIMITS.maxDepth + 1],
  },
  {
    name: "15,000 nested list items on one line",
    text: `${"- ".repeat(15_000)}x\n`,
    code: "yaml/too-deep",
    at: [1, 2 * YAML_LIMITS.maxDepth + 1],
  },
  {
    // The parser closed the 15,000 lists recursively on reaching the next line.
    name: "15,000 nested list items, then another line",
    text: `permissions:\n  ${"- ".repeat(15_000)}x\ntools:\n  allow: [Read]\n`,
    code: "yaml/too-deep",
    at: [2, 3 + 2 * YAML_LIMITS.maxDepth],
  },
  {
    name: "70 compact mappings on one line, then another line",
    text: `${Array.from({ length: 70 }, (_, index) => `k${index}:`).join(" ")} x\nnext: 1\n`,
    code: "yaml/too-deep",
    at: [1, 311], // the 65th key, k64:
  },
];
