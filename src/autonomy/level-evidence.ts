import type { AutonomyMode } from "./autonomy-mode.js";

/** One commit of the history `jig level` reads, newest first. */
export interface LevelCommit {
  sha: string;
  /** Committer time, ISO. */
  at: string;
  parents: string[];
  /** The agent it is attributed to (governance attribution), absent for a person's commit. */
  agent?: string;
  /** What proved it an agent's: `Agent: coder`, `Co-Authored-By: Claude <…>`. */
  agentEvidence?: string;
  paths: string[];
  /** The config domains its paths fall in, `*` for paths in none. */
  domains: string[];
}

/** One finished gate run in the store. */
export interface LevelRun {
  id: string;
  startedAt: string;
  base: string;
  head: string;
  outcome?: "pass" | "fail" | "needs-human";
  /** Whether the review layer ran (passed or failed, not skipped). */
  reviewRan: boolean;
}

/** The config as the rubric reads it, and where it came from. */
export interface LevelConfig {
  /** `jig.config.yaml`, or `defaults (no jig.config.yaml)`. */
  source: string;
  domains: string[];
  require: string[];
  skip: string[];
  criteria: string;
  reviewer?: string;
  coder?: string;
}

/**
 * Everything `jig level` judges, gathered once from config, files, the store
 * and git. Plain data, so the rubric is a pure function tested on fixtures.
 */
export interface LevelEvidence {
  now: Date;
  history: {
    /** The ref walked (the default branch). */
    ref: string;
    days: number;
    limit: number;
    commits: LevelCommit[];
  };
  config: LevelConfig;
  /** A pre-push hook installed by `jig hooks install` (its path), if any. */
  prePushHook?: string;
  /** Workflow files under .github/workflows that run `jig check`. */
  ciWorkflows: string[];
  /** `.claude/settings.json` when it runs `jig guard claude-hook`. */
  claudeHook?: string;
  /** Agent manifests (paths). */
  manifests: string[];
  /** The eval seal's path, when present. */
  seal?: string;
  /** The run store file, and its finished runs. */
  store: { path: string; runs: LevelRun[] };
  /** autonomy.yaml as committed on the default branch; absent when autonomy is not adopted. */
  autonomy?: {
    source: string;
    /** The mode in force for an agent in a domain, demotions applied, and why. */
    resolve(agent: string, domain: string): { mode: AutonomyMode; source: string };
  };
  /** Incidents recorded in the store (autonomy_events kind incident). */
  incidents: Array<{ at: string; domain: string; subject?: string }>;
}
