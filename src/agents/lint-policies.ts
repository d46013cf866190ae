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
  // Cedar reports a policy that applies to every action once per action
  // ("... for Action::\"read\" not found"): one problem, naming the actions.
  const grouped = new Map<string, { policyId: string; message: string; actions: string[] }>();
  for (const error of answer.validationErrors) {
    const actions: string[] = [];
    const message = error.error.message.replace(/ for Action::"([^"]*)"/g, (_, action: string) => {
      actions.push(action);
      return "";
    });
    const key = `${error.policyId}\0${message}`;
    const group = grouped.get(key);
    if (group) group.actions.push(...actions);
    else grouped.set(key, { policyId: error.policyId, message, actions });
  }
  for (const { policyId, message, actions } of grouped.values()) {
    const named = [...new Set(actions)];
    problems.push({
      code: "agents/cedar-validation",
      message:
        named.length > 0
          ? `${message} (for action${named.length === 1 ? "" : "s"} ${named.join(", ")})`
          : message,
      ...where(policyId),
    });
  }
  return problems;
}
