import { posix } from "node:path";
import { compileGlobs } from "../core/index.js";

/** What a governance input governs; the report and the guard name it. */
export type GovernanceKind = "config" | "agents" | "failure-models" | "evals" | "specs" | "project";

/** One family of governance inputs: the files that decide a verdict. */
export interface GovernanceInput {
  kind: GovernanceKind;
  /** Repo-relative glob, POSIX. */
  glob: string;
  /** What it is, for messages: "the jig config", "agent manifests and Cedar policies". */
  label: string;
}

/**
 * The part of the config that says where governance lives. `JigConfig` is
 * one; the guard passes the few settings its policy snapshot carries, so its
 * hot path never loads the config schema.
 */
export interface GovernanceConfig {
  agents: { dir: string };
  failures: { dir: string };
  evals: { dir: string };
  specs: { dir: string };
  governance: { paths: readonly string[] };
}

/** The config file; its absence on the base means jig is not adopted yet. */
export const GOVERNANCE_CONFIG_FILE = "jig.config.yaml";

/**
 * Files every project's gate depends on beyond jig's own folders: the Claude
 * Code settings that install the guard hook, and the code-owner files that
 * decide who must review governance, and the waivers that take findings out
 * of the verdict (`WAIVERS_FILE`, spelled out here so the guard's hot path
 * loads nothing more), and the autonomy modes a person granted (`AUTONOMY_FILE`). A project adds its own in `governance.paths`; it
 * cannot remove these.
 */
export const BUILTIN_GOVERNANCE_PATHS: readonly string[] = [
  ".claude/settings.json",
  "jig.waivers.yaml",
  "autonomy.yaml",
  "CODEOWNERS",
  ".github/CODEOWNERS",
  ".gitlab/CODEOWNERS",
  "docs/CODEOWNERS",
];

const KIND_LABEL: Record<GovernanceKind, string> = {
  config: "the jig config",
  agents: "agent manifests and Cedar policies",
  "failure-models": "the project failure-model catalog",
  evals: "the holdout eval suites and their seal",
  specs: "specs and their approvals",
  project: "a governance path",
};

/**
 * A configured folder as a repo-relative POSIX prefix, or undefined when it
 * lies outside the repository (`../acme-evals`), where no change can reach it.
 */
export function repoRelativeDir(dir: string): string | undefined {
  const normalized = normalizeRepoPath(dir);
  return normalized === "." || normalized === "" ? "" : normalized;
}

function dirInput(kind: GovernanceKind, dir: string): GovernanceInput[] {
  const prefix = repoRelativeDir(dir);
  if (prefix === undefined) return [];
  // A folder at the repository root would make every file governance; a
  // config that says so is read as "the whole repo", which is what it asks for.
  return [{ kind, glob: prefix === "" ? "**" : `${prefix}/**`, label: KIND_LABEL[kind] }];
}

/**
 * Every governance input of a project, from its (trusted) config. The folders
 * come from the config that governs the check, so a change that moves
 * `agents.dir` touches the config and is caught there.
 */
export function governanceInputs(config: GovernanceConfig): GovernanceInput[] {
  return [
    { kind: "config", glob: GOVERNANCE_CONFIG_FILE, label: KIND_LABEL.config },
    ...dirInput("agents", config.agents.dir),
    ...dirInput("failure-models", config.failures.dir),
    ...dirInput("evals", config.evals.dir),
    ...dirInput("specs", config.specs.dir),
    ...[...BUILTIN_GOVERNANCE_PATHS, ...config.governance.paths].map(
      (glob): GovernanceInput => ({
        kind: "project",
        glob: glob.replace(/^\.\//, ""),
        label: KIND_LABEL.project,
      }),
    ),
  ];
}

/** Finds the governance input a repo-relative path belongs to. */
export type GovernanceMatcher = (path: string) => GovernanceInput | undefined;

/**
 * A matcher over {@link governanceInputs}. Case-insensitive on purpose: on
 * macOS and Windows `Agents/Coder.yaml` is the same file as `agents/coder.yaml`.
 */
export function createGovernanceMatcher(config: GovernanceConfig): GovernanceMatcher {
  const compiled = governanceInputs(config).map((input) => ({
    input,
    test: compileGlobs(input.glob, { dot: true, nocase: true }, `jig.config.yaml (${input.label})`),
  }));
  return (path) => {
    const normalized = normalizeRepoPath(path);
    if (normalized === undefined) return undefined;
    return compiled.find((entry) => entry.test(normalized))?.input;
  };
}

/**
 * Whether a repo-relative path is inside the holdout eval suites (the suites
 * and the seal), which agents may neither read nor write unless their
 * manifest opts in with `holdout: read`.
 */
export function createHoldoutMatcher(
  config: Pick<GovernanceConfig, "evals">,
): (path: string) => boolean {
  const prefix = repoRelativeDir(config.evals.dir);
  if (prefix === undefined) return () => false;
  if (prefix === "") return () => true;
  const lower = prefix.toLowerCase();
  return (path) => {
    const normalized = normalizeRepoPath(path)?.toLowerCase();
    return normalized !== undefined && (normalized === lower || normalized.startsWith(`${lower}/`));
  };
}

/** `./a//b/` → `a/b`; undefined for paths that leave the repository. */
function normalizeRepoPath(path: string): string | undefined {
  const normalized = posix.normalize(path.replaceAll("\\", "/")).replace(/\/+$/, "");
  if (normalized.startsWith("../") || normalized === ".." || normalized.startsWith("/")) {
    return undefined;
  }
  return normalized.replace(/^\.\//, "");
}
