import { createHash } from "node:crypto";
import { type Problem, ValidationError } from "../core/index.js";
import type { BuiltinProtection } from "./builtin-protection.js";
import type { CanonicalCall, CedarValue } from "./canonicalize-call.js";
import { CEDAR_ACTIONS } from "./cedar-schema.js";
import { failsClosed, type InputCheck } from "./compile-condition.js";
import type { CompiledPolicies, PolicyInfo } from "./compile-policies.js";
import { scanCedarLimits } from "./scan-cedar-limits.js";
import type { ScopeIndex } from "./scope-index.js";

/** What the engine decided, with the policies that decided it. */
export interface EngineDecision {
  decision: "allow" | "deny" | "ask";
  reason: string;
  /** Ids of the policies that determined the decision. */
  policies: string[];
}

/** Facts about the moment of the call that are not part of the call itself. */
export interface DecideOptions {
  /** An approved, unexpired approval exists for exactly this call. */
  approved?: boolean;
  /** An approved spec is active for the branch (specs before code). */
  specApproved: boolean;
  /** Agents whose message this agent acts on: each must also be allowed (no confused deputy). */
  onBehalfOf?: readonly string[];
}

/** Decides canonical calls against one pre-parsed Cedar policy set. */
export interface PolicyEngine {
  readonly policySetId: string;
  /**
   * The protections that hold whatever the policy set says, built from the
   * same snapshot; the guard checks them before asking the engine.
   */
  readonly protection: BuiltinProtection;
  decide(call: CanonicalCall, options: DecideOptions): EngineDecision;
  info(id: string): PolicyInfo | undefined;
}

type CedarModule = typeof import("@cedar-policy/cedar-wasm/nodejs");
let cedarModule: CedarModule | undefined;

/**
 * Load Cedar once per process. Lazy, because the wasm module costs ~20 ms to
 * compile and `jig check` only needs manifests, not Cedar.
 */
export async function loadCedar(): Promise<CedarModule> {
  cedarModule ??= (await import("@cedar-policy/cedar-wasm/nodejs")) as CedarModule;
  return cedarModule;
}

/**
 * Pre-parse the policy set and return an engine that decides with one Cedar
 * call per principal. Evaluation errors deny (a forbid that errors would
 * otherwise silently not apply); a deny decided only by escalation policies
 * becomes `ask`, checked by re-asking Cedar as if approved.
 *
 * @example
 * const engine = await createPolicyEngine(compiled, scopes, createBuiltinProtection(settings, manifests));
 * engine.decide(call, { specApproved: true }) // { decision: "allow", policies: ["coder.files.write"], ... }
 */
export async function createPolicyEngine(
  compiled: CompiledPolicies,
  scopes: ScopeIndex,
  protection: BuiltinProtection,
): Promise<PolicyEngine> {
  const cedar = await loadCedar();
  const policySetId = `jig-${createHash("sha256").update(JSON.stringify(compiled.policies)).digest("hex").slice(0, 16)}`;
  // One pre-parsed set per (agent, action): its own policies whose action
  // scope can match, plus the shared ones. Cedar evaluates every policy in a
  // set (~6 µs each here), so small sets keep a decision near Cedar's floor.
  const sets = new Map<
    string,
    { id: string; reads: ReadonlySet<string>; checks: ReadonlyArray<[string, InputCheck[]]> }
  >();
  // Checked here too, not only by lint: the guard loads policies without
  // linting them, and a policy past the limits would crash Cedar mid-decision.
  const limits: Problem[] = [];
  for (const [id, text] of Object.entries(compiled.policies)) {
    const info = compiled.info[id];
    const problem = scanCedarLimits(text, info?.file ?? "agents").problem;
    if (problem) limits.push({ ...problem, ...(info?.line ? { line: info.line } : {}) });
  }
  if (limits.length > 0) throw new ValidationError(limits);
  const preparse = (id: string, policies: Record<string, string>): void => {
    let parsed: ReturnType<CedarModule["preparsePolicySet"]>;
    try {
      parsed = cedar.preparsePolicySet(id, { staticPolicies: policies });
    } catch (error) {
      parsed = { type: "failure", errors: [{ message: (error as Error).message }] as never };
    }
    if (parsed.type === "failure") {
      throw new Error(
        `Cedar could not load the policies from ${policyFiles(compiled, Object.keys(policies))}: ${parsed.errors.map((error) => error.message).join("; ")}`,
      );
    }
  };
  const agents = new Set(
    Object.values(compiled.info).flatMap((info) => (info.agent ? [info.agent] : [])),
  );
  for (const agent of [...agents, ""]) {
    for (const action of CEDAR_ACTIONS) {
      const subset: Record<string, string> = {};
      for (const [id, text] of Object.entries(compiled.policies)) {
        const owner = compiled.info[id]?.agent;
        if (owner !== undefined && owner !== agent) continue;
        if (!actionMayMatch(text, action)) continue;
        subset[id] = text;
      }
      const setId = `${policySetId}-${agent || "_"}-${action}`;
      preparse(setId, subset);
      // Marshalling the context into wasm costs more than evaluating most
      // policies, so each set is sent only the context attributes it reads.
      const reads = new Set<string>();
      for (const text of Object.values(subset)) {
        for (const match of text.matchAll(
          /context\s*(?:\.\s*([A-Za-z_]\w*)|has\s+([A-Za-z_]\w*))/g,
        )) {
          reads.add((match[1] ?? match[2]) as string);
        }
      }
      // The authority rules in this set whose conditions name input fields:
      // only these are checked per call, and only on the fields they name.
      const checks: Array<[string, InputCheck[]]> = [];
      for (const id of Object.keys(subset)) {
        const inputChecks = compiled.info[id]?.inputChecks;
        if (inputChecks) checks.push([id, inputChecks]);
      }
      sets.set(`${agent}:${action}`, { id: setId, reads, checks });
    }
  }

  function once(call: CanonicalCall, principal: string, options: DecideOptions, approved: boolean) {
    const set = sets.get(`${principal}:${call.action}`) ?? sets.get(`:${call.action}`);
    if (!set) throw new Error(`no policy set for action ${call.action}`);
    const full: Record<string, CedarValue> = {
      tool: call.tool,
      toolLower: call.tool.toLowerCase(),
      approved,
      specApproved: options.specApproved,
      deleteCount: call.deleteCount,
      messageType: call.messageType ?? "",
      wrapper: call.wrapper ?? "",
      input: call.input,
    };
    if (set.reads.has("failClosed")) {
      full.failClosed = set.checks
        .filter(([, checks]) => failsClosed(call.input, checks))
        .map(([id]) => id);
    }
    const context: Record<string, CedarValue> = {};
    for (const key of set.reads) {
      const value = full[key];
      if (value !== undefined) context[key] = value;
    }
    return cedar.statefulIsAuthorized({
      principal: { type: "Agent", id: principal },
      action: { type: "Action", id: call.action },
      resource: { type: call.resource.type, id: call.resource.id },
      context: context as never,
      preparsedPolicySetId: set.id,
      entities: [scopes.resourceEntity(call, [principal]) as never],
    });
  }

  function decideFor(
    call: CanonicalCall,
    principal: string,
    options: DecideOptions,
  ): EngineDecision {
    if (!scopes.has(principal)) {
      return { decision: "deny", reason: `no manifest for agent '${principal}'`, policies: [] };
    }
    const first = safely(() => once(call, principal, options, options.approved ?? false));
    if ("thrown" in first) {
      return {
        decision: "deny",
        reason: `the policy engine failed on this call (${first.thrown}) while evaluating the policies from ${policyFiles(compiled, Object.keys(compiled.policies))}, so the call is denied`,
        policies: [],
      };
    }
    if (first.type === "failure") {
      return {
        decision: "deny",
        reason: `policy evaluation failed: ${first.errors.map((e) => e.message).join("; ")}`,
        policies: [],
      };
    }
    const { decision, diagnostics } = first.response;
    if (diagnostics.errors.length > 0) {
      return {
        decision: "deny",
        reason: `policy ${diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`).join("; ")} could not be evaluated on this input, so the call is denied`,
        policies: diagnostics.errors.map((error) => error.policyId),
      };
    }
    if (decision === "allow") {
      return {
        decision: "allow",
        reason: `allowed by ${diagnostics.reason.join(", ")}`,
        policies: diagnostics.reason,
      };
    }
    const reasons = diagnostics.reason;
    if (reasons.length === 0) {
      return { decision: "deny", reason: missingPermit(call, principal), policies: [] };
    }
    const escalating = reasons.every((id) => compiled.info[id]?.escalate === true);
    if (escalating && !options.approved) {
      const attempt = safely(() => once(call, principal, options, true));
      // An engine that fails on the approved re-ask cannot lift anything: deny.
      const second = "thrown" in attempt ? { type: "failure" as const } : attempt;
      if (
        second.type === "success" &&
        second.response.decision === "allow" &&
        second.response.diagnostics.errors.length === 0
      ) {
        return { decision: "ask", reason: messages(reasons), policies: reasons };
      }
      if (second.type === "success" && second.response.diagnostics.reason.length === 0) {
        return { decision: "deny", reason: missingPermit(call, principal), policies: [] };
      }
      if (second.type === "success") {
        const hard = second.response.diagnostics.reason;
        return { decision: "deny", reason: messages(hard), policies: hard };
      }
    }
    return { decision: "deny", reason: messages(reasons), policies: reasons };
  }

  function messages(ids: readonly string[]): string {
    return ids.map((id) => compiled.info[id]?.message ?? id).join("; ");
  }

  return {
    policySetId,
    protection,
    info: (id) => compiled.info[id],
    decide(call, options) {
      const own = decideFor(call, call.agent, options);
      const chain = options.onBehalfOf ?? [];
      if (chain.length === 0 || own.decision === "deny") return own;
      let combined = own;
      for (const sender of chain) {
        const theirs = decideFor(call, sender, { ...options, onBehalfOf: [] });
        if (theirs.decision === "deny") {
          return {
            decision: "deny",
            reason: `acting on a message from ${sender}, which may not do this itself: ${theirs.reason}`,
            policies: theirs.policies,
          };
        }
        if (theirs.decision === "ask" && combined.decision === "allow") {
          combined = { ...theirs, reason: `on behalf of ${sender}: ${theirs.reason}` };
        }
      }
      return combined;
    },
  };
}

/**
 * Run one Cedar call, turning a throw into data. Cedar's WASM build throws
 * (stack overflow, "memory access out of bounds") instead of answering
 * failure, and a decision that throws must still come out a deny.
 */
function safely<T>(run: () => T): T | { thrown: string } {
  try {
    return run();
  } catch (error) {
    return { thrown: error instanceof Error ? error.message : String(error) };
  }
}

/** The files the given policies came from, for a message naming where to look. */
function policyFiles(compiled: CompiledPolicies, ids: readonly string[]): string {
  const files = [...new Set(ids.map((id) => compiled.info[id]?.file ?? "agents"))].sort();
  return files.length > 4
    ? `${files.slice(0, 4).join(", ")} and ${files.length - 4} more`
    : files.join(", ") || "agents";
}

/**
 * Whether a policy's action scope can match `action`. Reads only the scope
 * jig generates (`action`, `action == Action::"x"`, `action in [...]`); any
 * other form is kept in every set, so filtering can only ever drop policies
 * that could not apply.
 */
function actionMayMatch(text: string, action: string): boolean {
  const scope =
    /^\s*(?:@[^\n]*\n\s*)*(?:permit|forbid)\s*\(\s*principal[^,]*,\s*(action[^,]*?)\s*,\s*resource/.exec(
      text,
    )?.[1];
  if (scope === undefined || scope === "action") return true;
  const equal = /^action\s*==\s*Action::"([a-z]+)"$/.exec(scope);
  if (equal) return equal[1] === action;
  const list = /^action\s+in\s+\[([^\]]*)\]$/.exec(scope);
  if (list?.[1]) return list[1].includes(`Action::"${action}"`);
  return true;
}

function missingPermit(call: CanonicalCall, agent: string): string {
  switch (call.action) {
    case "read":
    case "write": {
      const where =
        call.path && !call.path.inside
          ? `${call.path.path} is outside the repository and`
          : `${call.resource.id}`;
      return `${where} is not in ${agent}'s files.${call.action} scope`;
    }
    case "exec":
      return call.wrapper
        ? `'${call.wrapper}' runs another command; ${agent}'s permissions.commands must list the wrapper itself`
        : `'${(call.argv ?? []).join(" ")}' does not start with any of ${agent}'s permissions.commands`;
    case "fetch":
      return `${call.resource.id} is not in ${agent}'s permissions.network`;
    case "send":
      return `${agent} may not send '${call.messageType ?? ""}' messages to ${call.resource.id} (messages)`;
    default:
      return `no policy permits ${agent} to ${call.action} ${call.resource.id}`;
  }
}
