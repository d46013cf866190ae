import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { type Location, type Problem, parseYamlAs, readTextFile } from "../core/index.js";
import type { LoadedManifest, RawPolicy } from "./compile-policies.js";
import { type AgentManifest, agentManifestSchema } from "./manifest-schema.js";
import { locateOffset, scanCedarLimits } from "./scan-cedar-limits.js";

/** Everything in `agents/`: valid manifests, raw Cedar policies and every problem found. */
export interface AgentsSource {
  manifests: LoadedManifest[];
  raw: RawPolicy[];
  problems: Problem[];
  /** Where a manifest key path (e.g. `escalate[0]`) is, for lint messages. */
  locate(file: string, origin: string): Location | undefined;
}

/**
 * Read and validate `agents/*.yaml` and `agents/*.cedar`. Never throws on bad
 * content: every problem comes back located at `file:line:col`. A missing
 * directory is simply no agents.
 *
 * @param displayDir how paths are shown in problems (repo-relative `agents`).
 */
export async function loadAgents(directory: string, displayDir: string): Promise<AgentsSource> {
  let names: string[];
  try {
    names = (await readdir(directory)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return { manifests: [], raw: [], problems: [], locate: () => undefined };
    }
    throw error;
  }
  const manifests: LoadedManifest[] = [];
  const raw: RawPolicy[] = [];
  const problems: Problem[] = [];
  const locators = new Map<string, (path: PropertyKey[]) => Location>();
  const seen = new Map<string, string>();
  for (const name of names) {
    const display = `${displayDir}/${name}`;
    if (/\.ya?ml$/.test(name)) {
      const text = await readTextFile(join(directory, name));
      const result = parseManifest(text, display);
      problems.push(...result.problems);
      locators.set(display, result.locate);
      if (!result.manifest) continue;
      const expected = name.replace(/\.ya?ml$/, "");
      if (result.manifest.name !== expected) {
        problems.push({
          code: "agents/name-mismatch",
          path: display,
          message: `name "${result.manifest.name}" does not match the file name; rename the file to ${result.manifest.name}.yaml or the agent to ${expected}`,
          ...result.locate(["name"]),
        });
        continue;
      }
      const previous = seen.get(result.manifest.name);
      if (previous) {
        problems.push({
          code: "agents/duplicate",
          path: display,
          message: `agent "${result.manifest.name}" is also defined in ${previous}`,
          line: 1,
          column: 1,
        });
        continue;
      }
      seen.set(result.manifest.name, display);
      manifests.push({ manifest: result.manifest, path: display });
    } else if (name.endsWith(".cedar")) {
      const text = await readTextFile(join(directory, name));
      const split = await splitCedar(text, display);
      raw.push(...split.policies);
      problems.push(...split.problems);
    }
  }
  return {
    manifests,
    raw,
    problems,
    locate(file, origin) {
      const locate = locators.get(file);
      return locate ? locate(originPath(origin)) : undefined;
    },
  };
}

/** Parse one manifest's YAML text: the manifest, or located problems. */
export function parseManifest(
  text: string,
  path: string,
): { manifest?: AgentManifest; problems: Problem[]; locate: (path: PropertyKey[]) => Location } {
  const parsed = parseYamlAs(text, path, agentManifestSchema, { prefix: "agents" });
  const locate = (keys: PropertyKey[]) => parsed.source.locate(keys);
  if (!parsed.value) return { problems: parsed.problems, locate };
  const problems = semanticProblems(parsed.value, path, locate);
  return problems.length > 0 ? { problems, locate } : { manifest: parsed.value, problems, locate };
}

function semanticProblems(
  manifest: AgentManifest,
  path: string,
  locate: (path: PropertyKey[]) => Location,
): Problem[] {
  const problems: Problem[] = [];
  const checkGlobs = (globs: readonly string[], keys: PropertyKey[]): void => {
    globs.forEach((glob, index) => {
      if (/(^|\/)\.\.(\/|$)/.test(glob)) {
        problems.push({
          code: "agents/glob-dotdot",
          path,
          message: `glob "${glob}" contains '..'; use a repo-relative glob or an absolute one`,
          ...locate([...keys, index]),
        });
      }
    });
  };
  checkGlobs(manifest.permissions.files.read, ["permissions", "files", "read"]);
  checkGlobs(manifest.permissions.files.write, ["permissions", "files", "write"]);
  for (const [index, trigger] of manifest.escalate.entries()) {
    checkGlobs(trigger.files ?? [], ["escalate", index, "files"]);
  }
  return problems;
}

/** `escalate[0].files` → ["escalate", 0, "files"]. */
function originPath(origin: string): PropertyKey[] {
  const keys: PropertyKey[] = [];
  for (const part of origin.split(".")) {
    const match = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      keys.push(part);
      continue;
    }
    keys.push(match[1] as string);
    for (const index of (match[2] ?? "").matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}

/**
 * Split a `.cedar` file into single policies with their line, or report where
 * it fails. A linear pre-scan enforces {@link CEDAR_LIMITS} before Cedar sees
 * the text (past them Cedar's WASM stack overflows) and indexes line starts
 * once; Cedar then parses the file once.
 */
async function splitCedar(
  text: string,
  file: string,
): Promise<{ policies: RawPolicy[]; problems: Problem[] }> {
  const scan = scanCedarLimits(text, file);
  if (scan.problem) return { policies: [], problems: [scan.problem] };
  const { loadCedar } = await import("./policy-engine.js");
  const cedar = await loadCedar();
  const parts = cedar.policySetTextToParts(text);
  if (parts.type === "failure") {
    return {
      policies: [],
      problems: parts.errors.map((error) => ({
        code: "agents/cedar-syntax",
        path: file,
        message:
          error.message +
          (error.sourceLocations?.[0]?.label ? ` (${error.sourceLocations[0].label})` : ""),
        ...locateOffset(scan.lineStarts, error.sourceLocations?.[0]?.start ?? 0),
      })),
    };
  }
  if (parts.policy_templates.length > 0) {
    const head = parts.policy_templates[0]?.trim().slice(0, 20) ?? "";
    return {
      policies: [],
      problems: [
        {
          code: "agents/cedar-template",
          path: file,
          message:
            "a policy template (a policy with ?principal or ?resource) is never linked by jig; write the principal or resource out",
          ...locateOffset(scan.lineStarts, Math.max(0, text.indexOf(head))),
        },
      ],
    };
  }
  const policies: RawPolicy[] = [];
  // The scan's statement starts are Cedar's policies when the counts agree;
  // otherwise each policy's head is searched for, forwards only.
  const starts = scan.policyStarts.length === parts.policies.length ? scan.policyStarts : undefined;
  let cursor = 0;
  parts.policies.forEach((policy, index) => {
    let offset = starts?.[index];
    if (offset === undefined) {
      const found = text.indexOf(policy.trim().slice(0, 20), cursor);
      offset = found === -1 ? cursor : found;
      cursor = offset + 1;
    }
    policies.push({
      id: `${file}#${index}`,
      file,
      line: locateOffset(scan.lineStarts, offset).line,
      text: policy,
    });
  });
  return { policies, problems: [] };
}
