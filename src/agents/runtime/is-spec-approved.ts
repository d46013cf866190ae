import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
// Deep imports on purpose: spec/index.ts and git/index.ts load the spec
// parser (zod, YAML) and git's process helpers, which the hook cannot afford
// on every tool call. These two files are small and import neither.
import { readHeadBranch } from "../../git/read-head-branch.js";
import { ACTIVE_SPEC_FILE, resolveActiveSpec } from "../../spec/active-spec.js";

/**
 * Whether an approved (or implemented) spec is active for the branch: from
 * JIG_SPEC, `jig spec start`, or the branch name, in the spec concept's own
 * order (resolveActiveSpec). The spec file is read with plain file access and
 * a frontmatter match, because the hook cannot afford the spec parser.
 */
export function isSpecApproved(
  repoRoot: string,
  specsDir: string,
  envSpec: string | undefined,
): boolean {
  const branch = readHeadBranch(repoRoot);
  const active = resolveActiveSpec({
    env: envSpec,
    stored: branch === undefined ? undefined : storedActiveSpec(repoRoot, branch),
    branch,
  });
  if (!active) return false;
  const { id } = active;
  const dir = join(repoRoot, specsDir);
  let files: string[];
  try {
    files = readdirSync(dir).filter(
      (name) => name.toUpperCase().startsWith(`${id}-`) && name.endsWith(".md"),
    );
  } catch {
    return false;
  }
  for (const file of files) {
    const text = readFileSync(join(dir, file), "utf8");
    const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
    const idLine = /^id:\s*["']?([A-Za-z0-9-]+)/m.exec(frontmatter)?.[1]?.toUpperCase();
    const status = /^status:\s*["']?([a-z-]+)/m.exec(frontmatter)?.[1];
    if (idLine === id && (status === "approved" || status === "implemented")) return true;
  }
  return false;
}

/** The spec `jig spec start` recorded for `branch`; a missing or corrupt file records none. */
function storedActiveSpec(repoRoot: string, branch: string): string | undefined {
  try {
    const map = JSON.parse(readFileSync(join(repoRoot, ACTIVE_SPEC_FILE), "utf8")) as Record<
      string,
      unknown
    >;
    const value = map[branch];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
