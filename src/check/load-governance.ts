import { UsageError } from "../core/errors.js";
import type { ResolvedRange } from "../git/index.js";
import type { GovernanceSnapshot } from "../governance/read-governance.js";
import type { StartedGovernanceRead } from "../governance/start-governance-read.js";

export type Governance = GovernanceSnapshot;

export interface LoadGovernanceOptions {
  root: string;
  cwd: string;
  /** The range being checked; its base is the trusted revision. Absent for a unified diff. */
  range?: ResolvedRange | undefined;
  /** git already reading the base (see {@link startGovernanceRead}). */
  started?: StartedGovernanceRead | undefined;
  /**
   * Read the rules from the base (`jig check` and everything built on it),
   * or from the working tree (`jig failures check`, a tool that tries the
   * project's own catalog edits before they are committed).
   */
  trusted: boolean;
}

/**
 * Load the governance of a check: with a range and `trusted`, every input
 * (config, agents, catalog, evals, specs) from git objects at the range's
 * base, never the working tree; otherwise `jig.config.yaml` and the folders
 * it names from disk. The config module (zod, yaml) loads here, so a caller
 * that starts git first does not wait for it.
 */
export async function loadGovernance(options: LoadGovernanceOptions): Promise<Governance> {
  const { readGovernanceAt, readWorkingTreeGovernance } = await import(
    "../governance/read-governance.js"
  );
  if (!options.trusted || !options.range) {
    options.started?.reader.close();
    return readWorkingTreeGovernance(options.root, options.cwd);
  }
  return readGovernanceAt(options.root, options.range.base, options.started);
}

/** Without `--base`: the default branch the trusted config names, when it is not the one detected. */
export function needsTrustedDefaultBranch(
  governance: Governance,
  range: ResolvedRange,
): string | undefined {
  const wanted = governance.config.defaultBranch;
  if (!wanted || governance.source !== "base") return undefined;
  return wanted === range.baseRef ? undefined : wanted;
}

/** The error when the trusted default branch cannot be settled in one step. */
export function unsettledDefaultBranch(first: string, second: string): UsageError {
  return new UsageError(
    `the default branch is ambiguous: the config at the merge-base with '${first}' names '${second}', whose config names another; pass --base REV`,
  );
}
