import type { z } from "zod";
import type { Problem } from "./problem.js";
import { parseYamlSource, type YamlSource } from "./yaml-source.js";

/**
 * Turn zod issues into located problems. Unknown keys point at the key itself;
 * everything else points at the offending value.
 */
export function zodIssuesToProblems(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  source: YamlSource,
  path: string,
  codePrefix: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const location = source.locate([...issue.path, key], { key: true });
        problems.push({
          code: `${codePrefix}/unknown-key`,
          path,
          message: `unknown key "${[...issue.path, key].join(".")}"; remove it or check its spelling`,
          ...location,
        });
      }
      continue;
    }
    const location = source.locate(issue.path);
    const choices = allowedValues(issue);
    if (choices !== undefined) {
      const found = valueAt(source.value, issue.path);
      problems.push({
        code: `${codePrefix}/invalid`,
        path,
        message: `${enumSubject(issue.path)} ${found === undefined ? "(none)" : JSON.stringify(found)}; expected one of ${choices.map(display).join(", ")}`,
        ...location,
      });
      continue;
    }
    const where = issue.path.length > 0 ? `"${issue.path.join(".")}": ` : "";
    problems.push({
      code: `${codePrefix}/${issue.code === "invalid_type" ? "wrong-type" : "invalid"}`,
      path,
      message: `${where}${issue.message}`,
      ...location,
    });
  }
  return problems;
}

/**
 * The values an enum, literal or discriminator accepts, when that is what the
 * issue is about: zod's own message lists them but never names the value found.
 */
function allowedValues(issue: z.core.$ZodIssue): unknown[] | undefined {
  if (issue.code === "invalid_value") return issue.values;
  if (issue.code !== "invalid_union") return undefined;
  const options = (issue as { options?: unknown[] }).options;
  if (Array.isArray(options) && options.length > 0) return options;
  // A union of literals: every branch failed on the value itself.
  const branches = issue.errors.map((branch) =>
    branch.length === 1 && branch[0]?.code === "invalid_value" && branch[0].path.length === 0
      ? branch[0].values
      : undefined,
  );
  if (branches.length === 0 || branches.some((values) => values === undefined)) return undefined;
  return branches.flat();
}

/**
 * `assert.1.type` reads as `unknown assertion type`; any other field as
 * `"gate.failOn": unknown value`, the way other problems name their field.
 */
function enumSubject(path: ReadonlyArray<PropertyKey>): string {
  const keys = path.filter((segment): segment is string => typeof segment === "string");
  const key = keys[keys.length - 1];
  const parent = keys[keys.length - 2];
  if ((key === "type" || key === "kind") && parent !== undefined)
    return `unknown ${SINGULAR[parent] ?? parent.replace(/s$/, "")} ${key}`;
  return path.length > 0 ? `"${path.join(".")}": unknown value` : "unknown value";
}

const SINGULAR: Readonly<Record<string, string>> = { assert: "assertion" };

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** An allowed value as the user would type it in YAML. */
function display(value: unknown): string {
  return typeof value === "string" ? value : String(JSON.stringify(value));
}

/** What {@link parseYamlAs} returns: the validated value or every problem, and the source. */
export interface ParsedYaml<T> {
  value?: T;
  problems: Problem[];
  /** For callers that check more than the schema and need `file:line:col` for it. */
  source: YamlSource;
}

/**
 * The steps every jig YAML file goes through: parse with line tracking,
 * check the root's shape, validate with a zod schema, and turn zod's issues
 * into located problems. Callers add their own semantic checks after.
 *
 * @example
 * const { value, problems } = parseYamlAs(text, "jig.config.yaml", configSchema, { prefix: "config" });
 */
export function parseYamlAs<T>(
  text: string,
  path: string,
  schema: z.ZodType<T>,
  options: {
    /** Code prefix of the validation problems, e.g. "config" for `config/unknown-key`. */
    prefix: string;
    /** The value of an empty document; `{}` (every default applies) unless given. */
    empty?: unknown;
    /** When set, a root that is not a mapping is this one problem instead of zod's. */
    notMapping?: string;
    /** Report only the first syntax error: the rest are usually its echoes. */
    firstSyntaxError?: boolean;
  },
): ParsedYaml<T> {
  const source = parseYamlSource(text, path);
  if (source.problems.length > 0) {
    return {
      problems: options.firstSyntaxError ? source.problems.slice(0, 1) : source.problems,
      source,
    };
  }
  const raw = source.value ?? (Object.hasOwn(options, "empty") ? options.empty : {});
  if (
    options.notMapping !== undefined &&
    (raw === null || typeof raw !== "object" || Array.isArray(raw))
  ) {
    return {
      problems: [
        {
          code: `${options.prefix}/wrong-type`,
          path,
          message: options.notMapping,
          line: 1,
          column: 1,
        },
      ],
      source,
    };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return {
      problems: zodIssuesToProblems(parsed.error.issues, source, path, options.prefix),
      source,
    };
  }
  return { value: parsed.data, problems: [], source };
}
