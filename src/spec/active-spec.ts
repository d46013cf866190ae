import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ExitCode, JigError } from "../core/errors.js";
import { writeFileAtomic } from "../core/write-file-atomic.js";

/** Where `jig spec start` records the active spec of each branch. */
export const ACTIVE_SPEC_FILE = ".jig/active-spec.json";

const BRANCH_SPEC = /(?:^|[/_.-])spec-(\d{4})(?=$|[/_.-])/i;

/**
 * The spec a branch names, so `spec-0007-login` or `feature/SPEC-0007-x`
 * cites SPEC-0007 without any setup.
 *
 * @example
 * specIdFromBranch("feature/spec-0007-login") // "SPEC-0007"
 */
export function specIdFromBranch(branch: string): string | undefined {
  const match = BRANCH_SPEC.exec(branch);
  return match ? `SPEC-${match[1]}` : undefined;
}

/** Where an active spec came from, for the report's "cited by" line. */
export type ActiveSpecSource = "env" | "spec-start" | "branch";

/**
 * Pick the active spec from what the caller has read: `JIG_SPEC` wins, then
 * `jig spec start`, then the branch name. Pure; the caller reads env and
 * files. An explicit `--spec` or a commit trailer is the gate's business and
 * ranks above all of these.
 */
export function resolveActiveSpec(inputs: {
  env?: string | undefined;
  stored?: string | undefined;
  branch?: string | undefined;
}): { id: string; source: ActiveSpecSource } | undefined {
  const env = inputs.env?.trim();
  if (env) return { id: env.toUpperCase(), source: "env" };
  if (inputs.stored) return { id: inputs.stored, source: "spec-start" };
  const fromBranch = inputs.branch ? specIdFromBranch(inputs.branch) : undefined;
  return fromBranch ? { id: fromBranch, source: "branch" } : undefined;
}

/** The spec `jig spec start` recorded for this branch, if any. */
export async function readActiveSpec(
  repoRoot: string,
  branch: string,
): Promise<string | undefined> {
  const map = await readActiveSpecMap(repoRoot);
  const id = map[branch];
  return typeof id === "string" ? id : undefined;
}

/**
 * Record `id` as the active spec of `branch`. Written to a temp file and
 * renamed, so a crash never leaves half a JSON file behind.
 */
export async function writeActiveSpec(repoRoot: string, branch: string, id: string): Promise<void> {
  const map = await readActiveSpecMap(repoRoot);
  map[branch] = id;
  const target = join(repoRoot, ACTIVE_SPEC_FILE);
  await writeFileAtomic(target, `${JSON.stringify(sortKeys(map), null, 2)}\n`);
}

async function readActiveSpecMap(repoRoot: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(join(repoRoot, ACTIVE_SPEC_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw corrupt(error);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw corrupt();
  const map: Record<string, string> = {};
  for (const [branch, id] of Object.entries(value)) {
    if (typeof id === "string") map[branch] = id;
  }
  return map;
}

function corrupt(cause?: unknown): JigError {
  return new JigError(
    "spec/active-spec-corrupt",
    `${ACTIVE_SPEC_FILE} is not a JSON object of branch -> spec id; delete it and run 'jig spec start' again`,
    { cause, exitCode: ExitCode.usage },
  );
}

function sortKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));
}
