import { Script } from "node:vm";
import type { Problem } from "../core/problem.js";
import type { YamlSource } from "../core/yaml-source.js";
import { parseYamlAs } from "../core/zod-problems.js";
import { parseJsonPath } from "./json-path.js";
import {
  createJsonSchemaCheck,
  type JsonSchemaCheck,
  jsonSchemaProblem,
} from "./json-schema-problem.js";
import { templateNames } from "./render-template.js";
import { parseSuiteYamlInChunks } from "./split-suite-yaml.js";
import { type EvalSuiteData, evalSuiteSchema, type TargetData } from "./suite-schema.js";

/** A parsed suite and where it came from. */
export interface EvalSuite extends EvalSuiteData {
  /** Path as shown to the user (relative to the cwd when possible). */
  file: string;
}

export type TargetKind = "command" | "http" | "model" | "module";
export const TARGET_KINDS: readonly TargetKind[] = ["command", "http", "model", "module"];

/** Which of the four target kinds a suite uses. Parsing guarantees exactly one. */
export function targetKind(target: TargetData): TargetKind {
  for (const kind of TARGET_KINDS) if (target[kind] !== undefined) return kind;
  return "command";
}

/**
 * Parse and validate one suite file. Pure: text in, suite or located
 * problems out. Beyond the schema it checks what would otherwise fail
 * mid-run: exactly one target, compilable regexes and expressions, JSONPath
 * syntax, duplicate scenario ids and template names without a value.
 */
export function parseSuite(text: string, file: string): { suite?: EvalSuite; problems: Problem[] } {
  // A big plain suite parses scenario by scenario to keep memory low; only
  // when that finds a problem is the text parsed whole, to locate it.
  const chunked = parseSuiteYamlInChunks(text);
  if (chunked !== undefined) {
    const parsed = evalSuiteSchema.safeParse(chunked);
    if (parsed.success) {
      const problems = checkSemantics(parsed.data, undefined, file);
      if (problems.length === 0) return { suite: { ...parsed.data, file }, problems };
    }
  }
  const parsed = parseYamlAs(text, file, evalSuiteSchema, { prefix: "eval" });
  const { source } = parsed;
  if (!parsed.value) {
    const missingTarget = (source.value as { target?: unknown } | undefined)?.target === undefined;
    return {
      problems: parsed.problems.map((problem) =>
        missingTarget && problem.message.startsWith('"target":')
          ? {
              ...problem,
              code: "eval/missing-target",
              message: "missing `target`: add one of command, http, model, module",
            }
          : problem,
      ),
    };
  }
  const suite = parsed.value;
  const problems = checkSemantics(suite, source, file);
  return problems.length > 0 ? { problems } : { suite: { ...suite, file }, problems };
}

function checkSemantics(
  suite: EvalSuiteData,
  source: YamlSource | undefined,
  file: string,
): Problem[] {
  const problems: Problem[] = [];
  const at = (path: PropertyKey[], code: string, message: string, key = false): void => {
    const location = source ? source.locate(path, { key }) : { line: 1, column: 1 };
    problems.push({ code: `eval/${code}`, path: file, message, ...location });
  };
  const target = suite.target;
  const kinds = TARGET_KINDS.filter((kind) => target[kind] !== undefined);
  if (kinds.length !== 1) {
    at(
      ["target"],
      "target",
      kinds.length === 0
        ? "target needs exactly one of command, http, model, module"
        : `target has ${kinds.join(" and ")}; keep exactly one`,
    );
  }
  if (target.model !== undefined && target.prompt === undefined) {
    at(["target", "model"], "target", "a model target needs a sibling `prompt` template");
  }
  if (target.model !== undefined && !/^[\w.-]+:.+/.test(target.model)) {
    at(["target", "model"], "target", `model id "${target.model}" must be provider:model`);
  }
  if (target.model === undefined) {
    for (const key of ["prompt", "system", "temperature", "maxTokens"] as const) {
      if (target[key] !== undefined)
        at(["target", key], "target", `\`${key}\` only applies to a model target`, true);
    }
  }
  const templates = [
    target.prompt,
    target.system,
    target.http?.url,
    target.http?.body,
    ...Object.values(target.http?.headers ?? {}),
  ].filter((value): value is string => typeof value === "string");
  const names = new Set(templates.flatMap(templateNames));
  names.delete("input");

  const seen = new Set<string>();
  const checkSchema = createJsonSchemaCheck();
  suite.scenarios.forEach((scenario, index) => {
    if (seen.has(scenario.id)) {
      at(["scenarios", index, "id"], "duplicate", `scenario id "${scenario.id}" is used twice`);
    }
    seen.add(scenario.id);
    for (const name of names) {
      if (scenario.vars[name] === undefined) {
        at(
          ["scenarios", index],
          "missing-var",
          `scenario "${scenario.id}" has no var "${name}" used by the target`,
        );
      }
    }
    scenario.assert.forEach((assertion, position) => {
      const path = ["scenarios", index, "assert", position];
      const problem = checkAssertion(assertion, checkSchema);
      if (problem) at([...path, problem.key], "assertion", problem.message);
    });
  });
  return problems;
}

/** What is wrong with one assertion's fields, if anything. */
function checkAssertion(
  assertion: EvalSuiteData["scenarios"][number]["assert"][number],
  checkSchema: JsonSchemaCheck,
): { key: string; message: string } | undefined {
  const { type, value } = assertion;
  const needs = (kind: string, ok: boolean) =>
    ok ? undefined : { key: "value", message: `${type} needs a ${kind} \`value\`` };
  switch (type) {
    case "contains":
    case "not-contains":
      return needs("string", typeof value === "string");
    case "equals":
      return needs("defined", value !== undefined);
    case "regex": {
      if (typeof value !== "string") return needs("pattern string", false);
      try {
        new RegExp(value, assertion.flags ?? "");
        return undefined;
      } catch (error) {
        return { key: "value", message: `bad regex: ${(error as Error).message}` };
      }
    }
    case "json-schema": {
      if (!((typeof value === "object" && value !== null) || typeof value === "boolean"))
        return needs("JSON Schema object", false);
      const problem = jsonSchemaProblem(checkSchema, value);
      return problem === undefined ? undefined : { key: "value", message: problem };
    }
    case "json-path": {
      if (assertion.path === undefined)
        return { key: "type", message: "json-path needs a `path`, e.g. $.refund" };
      const parsed = parseJsonPath(assertion.path);
      return parsed.ok ? undefined : { key: "path", message: `bad JSONPath: ${parsed.error}` };
    }
    case "javascript": {
      if (typeof value !== "string") return needs("expression string", false);
      try {
        new Script(`(${value}\n)`, { filename: "assertion.js" });
        return undefined;
      } catch (error) {
        return { key: "value", message: `bad javascript expression: ${(error as Error).message}` };
      }
    }
    case "exit-code":
    case "status":
      return needs("integer", Number.isInteger(value));
    case "latency-ms":
      return needs("number", typeof value === "number" && value > 0);
    case "llm-judge":
      return needs("rubric string", typeof value === "string" && value.trim().length > 0);
    default:
      return undefined;
  }
}
