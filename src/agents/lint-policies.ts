import type { Problem } from "../core/index.js";
import { CEDAR_SCHEMA } from "./cedar-schema.js";
import type { CompiledPolicies } from "./compile-policies.js";
import type { AgentsSource } from "./load-agents.js";
import { loadCedar } from "./policy-engine.js";

/**
 * Check the compiled policy set with Cedar: every policy must parse, and
 * every policy that does not read free-form tool input must validate
 * against jig's Cedar schema (unknown actions, wrong types, bad entity
 * names). Problems point back at the manifest key or `.cedar` line.
 */
export async function lintPolicies(
  compiled: CompiledPolicies,
  source: AgentsSource,
): Promise<Problem[]> {
  const cedar = await loadCedar();
  const problems: Problem[] = [];
  const where = (id: string): Pick<Problem, "path" | "line" | "column"> => {
    const info = compiled.info[id];
    if (!info) return { path: "agents" };
    if (info.line !== undefined) return { path: info.file, line: info.line, column: 1 };
    const location = source.locate(info.file, info.origin);
    return location ? { path: info.file, ...location } : { path: info.file };
  };
  const typed: Record<string, string> = {};
  for (const [id, text] of Object.entries(compiled.policies)) {
    const check = cedar.checkParsePolicySet({ staticPolicies: { [id]: text } });
    if (check.type === "failure") {
      for (const error of check.errors) {
        problems.push({
          code: "agents/cedar-invalid",
          message: `${error.message} in: ${text}`,
          ...where(id),
        });
      }
      continue;
    }
    if (!compiled.info[id]?.readsInput) typed[id] = text;
  }
  if (Object.keys(typed).length === 0) return problems;
  const answer = cedar.validate({
    schema: CEDAR_SCHEMA,
    policies: { staticPolicies: typed },
    validationSettings: { mode: "strict" },
  });
  if (answer.type === "failure") {
    for (const error of answer.errors)
      problems.push({ code: "agents/cedar-invalid", path: "agents", message: error.message });
    return problems;
  }
  for (const error of answer.validationErrors) {
    problems.push({
      code: "agents/cedar-validation",
      message: error.error.message,
      ...where(error.policyId),
    });
  }
  return problems;
}
