import { compileCondition, type InputCheck } from "./compile-condition.js";
import type { AgentManifest } from "./manifest-schema.js";

/** Where a policy came from and what it means, for explanations and lint locations. */
export interface PolicyInfo {
  id: string;
  agent?: string;
  /** File the policy was compiled from (a manifest or a raw .cedar file). */
  file: string;
  /** Manifest key path or `.cedar` line the policy came from. */
  origin: string;
  line?: number;
  /** A forbid that a human approval lifts (escalate) instead of a hard deny. */
  escalate: boolean;
  /** Human sentence used when this policy decides. */
  message: string;
  /** True when the policy reads `context.input`, which the schema cannot type. */
  readsInput: boolean;
  /**
   * For an `authority` rule: the input fields its condition names and their
   * types. A call that breaks one makes the rule fire (see compileCondition).
   */
  inputChecks?: InputCheck[];
}

/** Compiled Cedar: policy text by id, plus what each id means. */
export interface CompiledPolicies {
  policies: Record<string, string>;
  info: Record<string, PolicyInfo>;
}

/** A manifest plus the file it came from. */
export interface LoadedManifest {
  manifest: AgentManifest;
  path: string;
}

/** A raw `.cedar` policy a user dropped into agents/, already split into single policies. */
export interface RawPolicy {
  id: string;
  file: string;
  line: number;
  text: string;
}

const TOOL_ACTIONS =
  'action in [Action::"read", Action::"write", Action::"exec", Action::"fetch", Action::"call"]';

/**
 * Compile manifests (and raw `.cedar` policies) into one Cedar policy set.
 * Pure: the same manifests always give the same text, so the set's hash can
 * key caches and the pre-parsed set.
 *
 * @example
 * compilePolicies([{ manifest, path: "agents/coder.yaml" }], [], { requireSpec: true })
 */
export function compilePolicies(
  manifests: readonly LoadedManifest[],
  raw: readonly RawPolicy[],
  options: { requireSpec: boolean },
): CompiledPolicies {
  const policies: Record<string, string> = {};
  const info: Record<string, PolicyInfo> = {};
  const add = (entry: Omit<PolicyInfo, "readsInput">, text: string): void => {
    policies[entry.id] = text;
    info[entry.id] = { ...entry, readsInput: text.includes("context.input") };
  };
  if (options.requireSpec) {
    add(
      {
        id: "jig.spec-first",
        file: "jig.config.yaml",
        origin: "agents.requireSpec",
        escalate: false,
        message:
          "specs before code: no spec approved on this branch's base is active (a person approves it with 'jig spec approve SPEC-NNNN' and merges it; then 'jig spec start SPEC-NNNN')",
      },
      'forbid(principal, action == Action::"write", resource) unless { context.specApproved || resource in FileSet::"_spec-exempt" };',
    );
  }
  for (const { manifest, path } of manifests) {
    compileManifest(manifest, path, add);
  }
  for (const policy of raw) {
    add(
      {
        id: policy.id,
        file: policy.file,
        origin: `${policy.file}:${policy.line}`,
        line: policy.line,
        escalate: /@escalate\b/.test(policy.text),
        message: `policy ${policy.id} (${policy.file}:${policy.line})`,
      },
      policy.text,
    );
  }
  return { policies, info };
}

function compileManifest(
  manifest: AgentManifest,
  file: string,
  add: (entry: Omit<PolicyInfo, "readsInput">, text: string) => void,
): void {
  const name = manifest.name;
  const agent = `Agent::${cedarString(name)}`;
  const id = (suffix: string): string => `${name}.${suffix}`;
  const base = { agent: name, file, escalate: false };
  const { tools, files, commands, network } = manifest.permissions;

  tools.deny.forEach((pattern, index) => {
    add(
      {
        ...base,
        id: id(`tools.deny.${index}`),
        origin: `permissions.tools.deny[${index}]`,
        message: `${name} may never use tools matching '${pattern}' (permissions.tools.deny)`,
      },
      `forbid(principal == ${agent}, ${TOOL_ACTIONS}, resource) when { context.toolLower like ${likePattern(pattern.toLowerCase())} };`,
    );
  });
  const allowed = tools.allow.map((pattern) => `context.tool like ${likePattern(pattern)}`);
  add(
    {
      ...base,
      id: id("tools.allow"),
      origin: "permissions.tools.allow",
      message: `the tool is not in ${name}'s permissions.tools.allow (${tools.allow.join(", ") || "empty"})`,
    },
    allowed.length === 0
      ? `forbid(principal == ${agent}, ${TOOL_ACTIONS}, resource);`
      : `forbid(principal == ${agent}, ${TOOL_ACTIONS}, resource) unless { ${anyOf(allowed)} };`,
  );
  add(
    {
      ...base,
      id: id("tools.call"),
      origin: "permissions.tools.allow",
      message: `${name} may call allowed tools`,
    },
    `permit(principal == ${agent}, action == Action::"call", resource);`,
  );
  if (files.read.length > 0 || files.write.length > 0) {
    add(
      {
        ...base,
        id: id("files.read"),
        origin: "permissions.files.read",
        message: `${name} may read ${[...files.read, ...files.write].join(", ")}`,
      },
      `permit(principal == ${agent}, action == Action::"read", resource) when { resource in FileSet::${cedarString(`${name}/read`)} || resource in FileSet::${cedarString(`${name}/write`)} };`,
    );
  }
  if (files.write.length > 0) {
    add(
      {
        ...base,
        id: id("files.write"),
        origin: "permissions.files.write",
        message: `${name} may write ${files.write.join(", ")}`,
      },
      `permit(principal == ${agent}, action == Action::"write", resource in FileSet::${cedarString(`${name}/write`)});`,
    );
  }
  if (commands.length > 0) {
    add(
      {
        ...base,
        id: id("commands"),
        origin: "permissions.commands",
        message: `${name} may run ${commands.map((argv) => argv.join(" ")).join(", ")}`,
      },
      `permit(principal == ${agent}, action == Action::"exec", resource in CommandSet::${cedarString(`${name}/commands`)});`,
    );
  }
  if (network.length > 0) {
    add(
      {
        ...base,
        id: id("network"),
        origin: "permissions.network",
        message: `${name} may reach ${network.join(", ")}`,
      },
      `permit(principal == ${agent}, action == Action::"fetch", resource in HostSet::${cedarString(`${name}/network`)});`,
    );
  }
  manifest.authority.forEach((rule, index) => {
    const escalate = rule.then === "escalate";
    const condition = compileCondition(rule.when, id(`authority.${index}`));
    add(
      {
        ...base,
        escalate,
        ...(condition.checks.length > 0 ? { inputChecks: condition.checks } : {}),
        id: id(`authority.${index}`),
        origin: `authority[${index}]`,
        message:
          rule.reason ??
          `${rule.tool} when ${rule.when} ${escalate ? "needs a human approval" : `is beyond ${name}'s authority`} (authority[${index}])`,
      },
      // Matched without case, like tools.deny: an upstream that renames
      // `refund` to `Refund` must not step out from under its rules.
      `forbid(principal == ${agent}, ${actionScope([toolAction(rule.tool)])}, resource) when { context.toolLower like ${likePattern(rule.tool.toLowerCase())} && ${condition.cedar} }${escalate ? " unless { context.approved }" : ""};`,
    );
  });
  manifest.escalate.forEach((trigger, index) => {
    const parts: string[] = [];
    // The actions this trigger can fire on, so the engine's per-action sets
    // leave it out elsewhere (each policy in a set costs time on every call).
    const actions: Array<string | undefined> = [];
    if (trigger.files) actions.push("write");
    if (trigger.commands || trigger.deletes !== undefined) actions.push("exec");
    for (const tool of trigger.tools ?? []) actions.push(toolAction(tool));
    if (trigger.files) {
      parts.push(
        `(action == Action::"write" && resource in FileSet::${cedarString(`${name}/escalate/${index}`)})`,
      );
    }
    if (trigger.commands) {
      parts.push(
        `(action == Action::"exec" && resource in CommandSet::${cedarString(`${name}/escalate/${index}`)})`,
      );
    }
    if (trigger.tools) {
      parts.push(
        `(${anyOf(trigger.tools.map((tool) => `context.toolLower like ${likePattern(tool.toLowerCase())}`))})`,
      );
    }
    if (trigger.deletes !== undefined) parts.push(`context.deleteCount > ${trigger.deletes}`);
    add(
      {
        ...base,
        escalate: true,
        id: id(`escalate.${index}`),
        origin: `escalate[${index}]`,
        message:
          trigger.reason ??
          `${describeTrigger(trigger)} needs a human approval (escalate[${index}])`,
      },
      `forbid(principal == ${agent}, ${actionScope(actions)}, resource) when { ${parts.join(" || ")} } unless { context.approved };`,
    );
  });
  manifest.messages.forEach((rule, index) => {
    const conditions: string[] = [];
    if (!rule.to.includes("*")) {
      conditions.push(
        `[${rule.to.map((target) => `Agent::${cedarString(target)}`).join(", ")}].contains(resource)`,
      );
    }
    if (!rule.types.includes("*")) {
      conditions.push(`[${rule.types.map(cedarString).join(", ")}].contains(context.messageType)`);
    }
    add(
      {
        ...base,
        id: id(`messages.${index}`),
        origin: `messages[${index}]`,
        message: `${name} may send ${rule.types.join(", ")} to ${rule.to.join(", ")}`,
      },
      `permit(principal == ${agent}, action == Action::"send", resource)${conditions.length > 0 ? ` when { ${conditions.join(" && ")} }` : ""};`,
    );
  });
}

/**
 * The one action a tool pattern can canonicalise to, when that is certain:
 * every `mcp__` tool is a plain `call` (no built-in tool starts with it).
 * Undefined means "any action".
 */
function toolAction(pattern: string): string | undefined {
  return pattern.toLowerCase().startsWith("mcp__") ? "call" : undefined;
}

/** A Cedar action scope covering `actions`; any undefined entry widens it to every action. */
function actionScope(actions: ReadonlyArray<string | undefined>): string {
  if (actions.length === 0 || actions.includes(undefined)) return "action";
  const unique = [...new Set(actions)];
  if (unique.length === 1) return `action == Action::${cedarString(unique[0] as string)}`;
  return `action in [${unique.map((action) => `Action::${cedarString(action as string)}`).join(", ")}]`;
}

function describeTrigger(trigger: AgentManifest["escalate"][number]): string {
  const parts: string[] = [];
  if (trigger.files) parts.push(`writing ${trigger.files.join(", ")}`);
  if (trigger.commands)
    parts.push(`running ${trigger.commands.map((argv) => argv.join(" ")).join(", ")}`);
  if (trigger.tools) parts.push(`calling ${trigger.tools.join(", ")}`);
  if (trigger.deletes !== undefined) parts.push(`deleting more than ${trigger.deletes} files`);
  return parts.join(" or ");
}

/**
 * `a || b || …` for a few terms; a balanced tree of parenthesised halves for
 * many, so a manifest listing hundreds of tools stays within Cedar's chain
 * limit (CEDAR_LIMITS): a flat chain of 512 overflows the engine's stack.
 */
function anyOf(terms: readonly string[]): string {
  if (terms.length <= 16) return terms.join(" || ");
  const half = Math.ceil(terms.length / 2);
  return `(${anyOf(terms.slice(0, half))}) || (${anyOf(terms.slice(half))})`;
}

/** A Cedar string literal. JSON escaping is a subset Cedar accepts. */
export function cedarString(value: string): string {
  return JSON.stringify(value);
}

/** A Cedar `like` pattern: `*` is the wildcard, everything else literal. */
export function likePattern(pattern: string): string {
  const escaped = pattern
    .split("*")
    .map((part) => JSON.stringify(part).slice(1, -1))
    .join("*");
  return `"${escaped}"`;
}
