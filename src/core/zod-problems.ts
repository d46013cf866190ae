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
