import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL(".", import.meta.url));

/**
 * The `in` expressions allowed to stay, by `file: expression`: each narrows a
 * union jig builds itself (or reads a class instance), so no key in it comes
 * from parsed input. Anything else tests a key with `Object.hasOwn`, because
 * `"toString" in {}` and `"__proto__" in {}` are true for every plain object.
 */
const ALLOWED = new Set([
  // `located` is readCheck's own union: a range, or a change from a diff.
  'check/run-check.ts: "range" in located',
  // resolvePushBase's own result union.
  'cli/commands/hooks-command.ts: "skip" in resolved',
  // A child process's stdio entry: a Node stream (a class instance) or null.
  'agents/sandbox/run-in-sandbox.ts: "end" in seccomp',
  // A node of the yaml library's document tree (a class instance).
  'core/yaml-source.ts: "range" in node',
  // selectSuites's own result union.
  'evals/run-eval-suites.ts: "reason" in selection',
  // A detector plan versus a detector list, both built by jig.
  'failures/run-detectors.ts: "ordered" in detectors',
  // `safely`'s own result union: what the engine returned, or what it threw.
  'agents/policy-engine.ts: "thrown" in first',
  'agents/policy-engine.ts: "thrown" in attempt',
  // The dashboard's own ChoiceScope union: the newest runs, or those finished since.
  'ui/ui-queries.ts: "recent" in scope',
  // The push plan's base, a union planPush builds.
  'hooks/resolve-push-base.ts: "sha" in plan.base',
]);

function* sourceFiles(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "__fixtures__") yield* sourceFiles(path);
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) yield path;
  }
}

/** Every `a in b` in one file's text, as `name: expression`. */
function inExpressionsOf(text: string, name: string): string[] {
  const found: string[] = [];
  const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword)
      found.push(`${name}: ${node.getText(file).replace(/\s+/g, " ")}`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Every `a in b` in runtime source (file names relative to src/). */
function inExpressions(): string[] {
  return [...sourceFiles(SRC)].flatMap((path) =>
    inExpressionsOf(readFileSync(path, "utf8"), relative(SRC, path)),
  );
}

describe("own-property key checks", () => {
  // Parsing every source file takes seconds: once for both checks.
  const found = inExpressions();

  it("tests keys with Object.hasOwn everywhere except the allowed union narrowings", () => {
    expect(found.filter((expression) => !ALLOWED.has(expression))).toEqual([]);
  });

  it("keeps the allow-list honest: every entry still exists", () => {
    const present = new Set(found);
    expect([...ALLOWED].filter((expression) => !present.has(expression))).toEqual([]);
  });

  it("can fail: it sees key tests but not for-in loops, strings or comments", () => {
    const text = [
      'if ("toString" in shape) {}',
      "const present = key in\n  record;",
      "for (const key in record) {}",
      '// "a" in b',
      'const text = "x in y";',
    ].join("\n");
    expect(inExpressionsOf(text, "x.ts")).toEqual([
      'x.ts: "toString" in shape',
      "x.ts: key in record",
    ]);
  });
});
