import { layerResultSchema } from "../contract/report-schema.js";

/**
 * Everything wrong with what a layer returned, one line each (empty when the
 * result is valid): the `LayerResult` shape (a reason when skipped, a message
 * when in error, findings with a known severity), plus what the shape cannot
 * say: a finding has a non-blank `ruleId` without spaces, a title and a
 * message; its `file` is repo-relative POSIX; `endLine` is not before `line`;
 * a criterion's id is `<specId>/<criterion>`.
 *
 * @example
 * expect(layerResultProblems(await layer.run(context))).toEqual([]);
 */
export function layerResultProblems(result: unknown): string[] {
  const parsed = layerResultSchema.safeParse(result);
  if (!parsed.success) {
    return parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "result"}: ${issue.message}`,
    );
  }
  const problems: string[] = [];
  parsed.data.findings.forEach((finding, index) => {
    const at = `findings.${index}`;
    if (!/^\S+$/.test(finding.ruleId)) problems.push(`${at}.ruleId: blank or has spaces`);
    if (!finding.title.trim()) problems.push(`${at}.title: blank`);
    if (!finding.message.trim()) problems.push(`${at}.message: blank`);
    if (finding.file !== undefined && !isRepoRelative(finding.file)) {
      problems.push(`${at}.file: "${finding.file}" is not a repo-relative POSIX path`);
    }
    if (finding.endLine !== undefined && finding.endLine < (finding.line ?? 1)) {
      problems.push(`${at}.endLine: before line`);
    }
  });
  parsed.data.criteria?.forEach((criterion, index) => {
    if (criterion.id !== `${criterion.specId}/${criterion.criterion}`) {
      problems.push(`criteria.${index}.id: "${criterion.id}" is not specId/criterion`);
    }
  });
  return problems;
}

function isRepoRelative(path: string): boolean {
  return (
    path.length > 0 &&
    !path.startsWith("/") &&
    !path.includes("\\") &&
    !/^[A-Za-z]:/.test(path) &&
    !path.split("/").some((segment) => segment === ".." || segment === "." || segment === "")
  );
}
