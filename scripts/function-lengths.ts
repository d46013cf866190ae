// Lists the functions whose own body is longer than a limit (default 120 lines),
// with nested functions counted apart: `tsx scripts/function-lengths.ts [--max N] [dir]`.
// The measuring is a pure function over source text, so a test can check it on
// small inline sources and run it over src/ (test/function-lengths.test.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

/** One function, method, arrow function or accessor, and the lines that are its own. */
export interface FunctionLength {
  file: string;
  /** Dotted from the outermost function: `createModelClient.generateObject`. */
  name: string;
  /** 1-based line of the function's first token (its `export`/`async`/name, not its JSDoc). */
  line: number;
  /** Every line from the first token to the closing brace. */
  totalLines: number;
  /** `totalLines` less the lines of the multi-line functions nested directly in it. */
  ownLines: number;
}

type FunctionLike =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

function isFunctionLike(node: ts.Node): node is FunctionLike {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/**
 * Measure every function-like node of one source file. A nested function's lines
 * are its own, not its parent's, so a factory that returns a few closures is not
 * one long function. A one-line callback (`items.map((item) => item.id)`) shares
 * its line with the parent's code, so it is not subtracted from the parent.
 * Declarations without a body (overloads, abstract methods) are skipped.
 */
export function measureFunctionLengths(sourceText: string, fileName: string): FunctionLength[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest);
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line;
  const spanOf = (node: ts.Node) => lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1;
  const results: FunctionLength[] = [];

  // Returns the lines of the function-like nodes nested directly under `node`.
  const visit = (node: ts.Node, path: readonly string[]): number => {
    let nestedLines = 0;
    ts.forEachChild(node, (child) => {
      if (!isFunctionLike(child)) {
        const className = ts.isClassLike(child) ? child.name?.getText(source) : undefined;
        nestedLines += visit(child, className === undefined ? path : [...path, className]);
        return;
      }
      const span = spanOf(child);
      if (child.body === undefined) return;
      const name = [...path, functionName(child, node, source)];
      const innerLines = visit(child, name);
      results.push({
        file: fileName,
        name: name.join("."),
        line: lineOf(child.getStart(source)) + 1,
        totalLines: span,
        ownLines: span - innerLines,
      });
      if (span > 1) nestedLines += span;
    });
    return nestedLines;
  };
  visit(source, []);
  return results.sort((a, b) => a.line - b.line);
}

/** The name a reader would search for: declared, assigned, or a property key. */
function functionName(node: FunctionLike, parent: ts.Node, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return "constructor";
  if (node.name !== undefined) return node.name.getText(source);
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
    return parent.name.getText(source);
  }
  if (ts.isPropertyDeclaration(parent)) return parent.name.getText(source);
  return `<anonymous@${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}>`;
}

/** Functions of `measured` whose own lines exceed `maxLines`, longest first. */
export function findLongFunctions(
  measured: readonly FunctionLength[],
  maxLines: number,
): FunctionLength[] {
  return measured
    .filter((entry) => entry.ownLines > maxLines)
    .sort((a, b) => b.ownLines - a.ownLines);
}

/** Every non-test `.ts` file below `directory`, as paths relative to `root`. */
export function listSourceFiles(root: string, directory: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "__fixtures__") walk(path);
      } else if (
        entry.name.endsWith(".ts") &&
        !entry.name.endsWith(".test.ts") &&
        !entry.name.endsWith(".d.ts")
      ) {
        files.push(relative(root, path).split("\\").join("/"));
      }
    }
  };
  walk(join(root, directory));
  return files.sort();
}

/** Measure every non-test source file below `directory` (relative to `root`). */
export function measureTree(root: string, directory: string): FunctionLength[] {
  return listSourceFiles(root, directory).flatMap((file) =>
    measureFunctionLengths(readFileSync(join(root, file), "utf8"), file),
  );
}

/** `file:line name (own N of M lines)`, one offender a line. */
export function formatOffender(entry: FunctionLength): string {
  return `${entry.file}:${entry.line} ${entry.name} (${entry.ownLines} own lines of ${entry.totalLines})`;
}

function main(argv: readonly string[]): number {
  let maxLines = 120;
  let directory = "src";
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === "--max") {
      maxLines = Number(argv[++index]);
      if (!Number.isInteger(maxLines) || maxLines < 1) {
        console.error("--max takes a whole number of lines, 1 or more");
        return 2;
      }
    } else directory = argument;
  }
  const offenders = findLongFunctions(measureTree(process.cwd(), directory), maxLines);
  for (const entry of offenders) console.log(formatOffender(entry));
  console.log(
    offenders.length === 0
      ? `no function below ${directory}/ has more than ${maxLines} lines of its own`
      : `${offenders.length} function${offenders.length === 1 ? "" : "s"} with more than ${maxLines} lines of their own`,
  );
  return offenders.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
