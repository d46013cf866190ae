import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { JigConfig } from "../config/config-schema.js";
import type { Change } from "../core/change.js";
import { UsageError } from "../core/errors.js";
import {
  findSpecPath,
  lintSpec,
  parseSpec,
  readActiveSpec,
  specIdFromBranch,
} from "../spec/index.js";
import type { SpecCitation } from "./layer.js";

const SPEC_ID = /^SPEC-\d{4,}$/;

export interface ResolveSpecCitationOptions {
  repoRoot: string;
  config: JigConfig;
  change: Change;
  /** `--spec`. */
  flag?: string | undefined;
  /** `JIG_SPEC` from the environment. */
  env?: string | undefined;
  /** Current branch, when not detached. */
  branch?: string | undefined;
  /**
   * Where spec files are read: the trusted base's copy (`jig check`), so a
   * spec added or approved within the change is never the one that counts.
   * Defaults to `repoRoot`.
   */
  specRoot?: string | undefined;
}

/**
 * Work out which spec a change cites and load it. Precedence: `--spec`, then
 * the newest `Spec:` trailer in the range, then `JIG_SPEC`, then the spec
 * marked active with `jig spec start`, then an id in the branch name.
 */
export async function resolveSpecCitation(
  options: ResolveSpecCitationOptions,
): Promise<SpecCitation> {
  const trailerIds = unique(
    options.change.commits.flatMap((commit) =>
      commit.trailers
        .filter((trailer) => trailer.key.toLowerCase() === "spec")
        .map((trailer) => trailer.value.trim().toUpperCase()),
    ),
  );
  let id: string | undefined;
  let source: SpecCitation["source"];
  if (options.flag) {
    id = normalizeId(options.flag, "--spec");
    source = "flag";
  } else if (trailerIds[0]) {
    id = trailerIds[0];
    source = "trailer";
  } else if (options.env) {
    id = normalizeId(options.env, "JIG_SPEC");
    source = "env";
  } else if (options.branch) {
    const active = await readActiveSpec(options.repoRoot, options.branch);
    if (active) {
      id = active;
      source = "active";
    } else {
      id = specIdFromBranch(options.branch);
      if (id) source = "branch";
    }
  }
  const others = trailerIds.filter((other) => other !== id);
  if (!id) return { others, problems: [] };
  const citation: SpecCitation = { id, others, problems: [] };
  if (source) citation.source = source;
  const specRoot = options.specRoot ?? options.repoRoot;
  const path = await findSpecPath(specRoot, options.config.specs.dir, id);
  if (!path) {
    if (specRoot !== options.repoRoot) {
      const local = await findSpecPath(options.repoRoot, options.config.specs.dir, id);
      if (local) citation.onlyInChange = relativeTo(options.repoRoot, local);
    }
    return citation;
  }
  const relativePath = relativeTo(specRoot, path);
  citation.path = relativePath;
  const text = await readFile(path.startsWith("/") ? path : join(specRoot, path), "utf8");
  const parsed = parseSpec(text, relativePath);
  citation.problems.push(...parsed.problems);
  if (parsed.spec) {
    citation.spec = parsed.spec;
    citation.problems.push(...lintSpec(parsed.spec));
  }
  return citation;
}

function relativeTo(root: string, path: string): string {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

function normalizeId(value: string, where: string): string {
  const id = value.trim().toUpperCase();
  if (!SPEC_ID.test(id)) {
    throw new UsageError(
      `${where}: '${value}' is not a spec id; expected SPEC-NNNN, e.g. SPEC-0007`,
    );
  }
  return id;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
