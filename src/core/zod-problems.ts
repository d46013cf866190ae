import type { z } from "zod";
import type { Problem } from "./problem.js";
import type { YamlSource } from "./yaml-source.js";

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
