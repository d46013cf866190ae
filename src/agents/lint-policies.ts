import picomatch from "picomatch";
import type { Problem } from "../core/index.js";
import type { PathBase } from "./canonicalize-path.js";
import { CEDAR_ACTIONS, CEDAR_SCHEMA } from "./cedar-schema.js";
import type { CompiledPolicies } from "./compile-policies.js";
import { createPathMatcher } from "./glob-matcher.js";
import type { AgentsSource } from "./load-agents.js";
import { loadCedar } from "./policy-engine.js";
import { createProtectedPaths, type ProtectionSettings } from "./protected-paths.js";
import { scanCedarLimits } from "./scan-cedar-limits.js";

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
  // Generated policies are held to the same limits as .cedar files: a
  // manifest listing hundreds of tools must not overflow Cedar's stack either.
  const parseable: Record<string, string> = {};
  for (const [id, text] of Object.entries(compiled.policies)) {
    const limit = scanCedarLimits(text, compiled.info[id]?.file ?? "agents").problem;
    if (limit) problems.push({ ...limit, ...where(id) });
    else parseable[id] = text;
  }
  // One parse of the whole set; Cedar names the policy id in each error.
  const failed = new Set<string>();
  const check = cedar.checkParsePolicySet({ staticPolicies: parseable });
  if (check.type === "failure") {
    for (const error of check.errors) {
      const id = /with id `([^`]*)`/.exec(error.message)?.[1];
      if (id !== undefined) failed.add(id);
      problems.push({
        code: "agents/cedar-invalid",
        message: id !== undefined ? `${error.message} in: ${parseable[id]}` : error.message,
        ...(id !== undefined ? where(id) : { path: "agents" }),
      });
    }
    // An error Cedar did not tie to a policy leaves nothing safe to validate.
    if (failed.size < check.errors.length) return problems;
  }
  const typed: Record<string, string> = {};
  for (const [id, text] of Object.entries(parseable)) {
    if (!failed.has(id) && !compiled.info[id]?.readsInput) typed[id] = text;
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
    // Cedar lists them in hash order, which changes between runs; jig's own order is stable.
    const order = (action: string) => (CEDAR_ACTIONS as readonly string[]).indexOf(action);
    const named = [...new Set(actions)].sort((left, right) => order(left) - order(right));
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

/** Stand-ins for a glob's wildcards, so a glob can be tested as a path. */
function asPath(glob: string): string {
  return glob.replace(/^\.\//, "").replace(/\*\*/g, "x").replace(/[*?]/g, "x");
}

/** Paths a protected glob covers: its folder and a few files in it. */
function samples(glob: string): string[] {
  const scan = picomatch.scan(glob);
  if (!scan.isGlob) return [glob];
  const base = scan.base;
  const join = (name: string) => (base === "" ? name : `${base}/${name}`);
  return [
    base === "" ? "x" : base,
    asPath(glob),
    ...["x", "x.yaml", "x.yml", "x.json", "x.md", "x.cedar", "x/x.yaml"].map(join),
  ];
}

/**
 * Warnings for manifest globs the built-in protection overrides, so a
 * manifest does not promise what the guard will deny: write globs reaching
 * a governance input or jig's own state (JIG-A004), and read globs naming
 * the holdout suites without `holdout: read` (JIG-A005). A broad read glob
 * such as `**` is not reported: reading everything else is what it means.
 */
export function lintProtectedScopes(
  source: AgentsSource,
  settings: ProtectionSettings,
  base: PathBase,
): Problem[] {
  const paths = createProtectedPaths(settings);
  const problems: Problem[] = [];
  const at = (file: string, origin: string) => ({
    path: file,
    ...(source.locate(file, origin) ?? {}),
  });
  const isProtected = (path: string): boolean =>
    paths.writeProtection({ inside: true, path }, base) !== undefined;
  for (const { manifest, path: file } of source.manifests) {
    const { read, write } = manifest.permissions.files;
    write.forEach((glob, index) => {
      if (glob.startsWith("/") || glob.startsWith("~")) return;
      const covers = createPathMatcher([glob], base.home);
      const reached = paths.globs.filter(
        (protectedGlob) =>
          samples(protectedGlob).some((sample) => covers(sample) && isProtected(sample)) ||
          picomatch(protectedGlob, { dot: true, nocase: true })(asPath(glob)),
      );
      if (reached.length === 0) return;
      problems.push({
        code: "JIG-A004",
        severity: "warning",
        message: `${manifest.name}'s files.write glob '${glob}' covers governance inputs (${reached.join(", ")}); the guard denies every agent writing them whatever the manifest says, so narrow the glob`,
        ...at(file, `permissions.files.write[${index}]`),
      });
    });
    if (manifest.holdout === "read") continue;
    read.forEach((glob, index) => {
      const scan = picomatch.scan(glob);
      const literal = scan.isGlob ? scan.base : glob;
      const named = [literal, asPath(glob)].some(
        (path) => path !== "" && paths.isHoldout({ inside: true, path }, base),
      );
      if (!named) return;
      problems.push({
        code: "JIG-A005",
        severity: "warning",
        message: `${manifest.name}'s files.read glob '${glob}' names the holdout eval suites (${settings.evalsDir}); the guard denies reading them unless the manifest says 'holdout: read' (for an evaluator agent)`,
        ...at(file, `permissions.files.read[${index}]`),
      });
    });
  }
  return problems;
}
