import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { Command, Option } from "commander";
import { assessLevel } from "../../autonomy/assess-level.js";
import { AUTONOMY_FILE, type AutonomyFile } from "../../autonomy/autonomy-schema.js";
import type { LevelEvidence } from "../../autonomy/level-evidence.js";
import { formatLevelText } from "../../autonomy/level-format.js";
import { readLevelHistory } from "../../autonomy/level-history.js";
import { type LevelStoreEvidence, readLevelStore } from "../../autonomy/level-store.js";
import { createDomainMatcher } from "../../autonomy/match-domains.js";
import { createModeTable } from "../../autonomy/mode-table.js";
import { parseAutonomy } from "../../autonomy/parse-autonomy.js";
import { type JigConfig, loadConfig } from "../../config/index.js";
import { resolveStorePath, ValidationError } from "../../core/index.js";
import { detectDefaultBranch, findRepoRoot, runGitResult, tryGit } from "../../git/index.js";
import { attributeCommit } from "../../governance/agent-identity.js";
import { HOOK_MARKER } from "../../hooks/render-pre-push-hook.js";
import { openStoreDatabase, resolveStoreUrl, type StoreTarget } from "../../store/index.js";
import type { CliContext } from "../cli-context.js";

const FORMATS = ["text", "json"] as const;
/** The history read: the last 90 days of the default branch, at most 500 commits. */
const HISTORY_DAYS = 90;
const HISTORY_LIMIT = 500;

/** `jig level`: the repository's Dark Factory level, from evidence only. */
export function createCommand(context: CliContext): Command {
  return new Command("level")
    .description(
      "The repository's Dark Factory level (0-5), overall and per domain, from evidence: config, installed hooks, recorded runs and git history",
    )
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .addHelpText(
      "after",
      `
Each claim cites what proved it; the rubric is in docs/autonomy.md.

Examples:
  jig level
  jig level --format json > level.json`,
    )
    .action(async (flags: { format: (typeof FORMATS)[number] }) => {
      const report = assessLevel(await gatherLevelEvidence(context));
      context.stdout.write(
        flags.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatLevelText(report),
      );
    });
}

/** Read every piece of evidence the rubric judges. The only I/O of `jig level`. */
export async function gatherLevelEvidence(context: CliContext): Promise<LevelEvidence> {
  const now = context.now();
  const root = await findRepoRoot(context.cwd);
  const { config, path: configPath } = await loadConfig(root, { cwd: context.cwd });
  // Files and hooks do not depend on the branch: read them while git finds it.
  const files = Promise.all([
    findPrePushHook(root),
    findCiWorkflows(root),
    findClaudeHook(root),
    listManifests(root, config.agents.dir),
  ]);
  const ref = await detectDefaultBranch(root, config.defaultBranch);
  const [autonomy, history, [prePushHook, ciWorkflows, claudeHook, manifests]] = await Promise.all([
    readCommittedAutonomy(root, ref, context.cwd),
    readLevelHistory({
      root,
      ref,
      now,
      days: HISTORY_DAYS,
      limit: HISTORY_LIMIT,
      attribute: (commit) => attributeCommit(commit, config.governance.agentIdentities),
      domains: createDomainMatcher(config.domains),
    }),
    files,
  ]);
  const storePath = resolveStorePath(root, config.store.path);
  const entryFor = (agent: string, domain: string) =>
    autonomy?.file.classes.find((entry) => entry.agent === agent && entry.domain === domain);
  // A run started before the oldest commit read cannot cover it (a day's slack for clock skew).
  const oldest = history.at(-1)?.at;
  const runsSince = oldest
    ? new Date(new Date(oldest).getTime() - 86_400_000).toISOString()
    : now.toISOString();
  const stored = readStore(
    { path: storePath, url: resolveStoreUrl(config.store.url, context.env) },
    now,
    runsSince,
    entryFor,
  );
  const table = createModeTable(autonomy?.file, stored.demotions);
  const sealPath = join(resolve(root, config.evals.dir), ".jig-seal.json");
  return {
    now,
    history: { ref, days: HISTORY_DAYS, limit: HISTORY_LIMIT, commits: history },
    config: levelConfig(config, configPath),
    ...(prePushHook ? { prePushHook } : {}),
    ciWorkflows,
    ...(claudeHook ? { claudeHook } : {}),
    manifests,
    ...(existsSync(sealPath) ? { seal: shown(root, sealPath) } : {}),
    store: { path: shown(root, storePath), runs: stored.runs },
    ...(autonomy
      ? {
          autonomy: {
            source: autonomy.source,
            resolve: (agent: string, domain: string) => table.resolve(agent, [domain]),
          },
        }
      : {}),
    incidents: stored.incidents,
  };
}

function levelConfig(config: JigConfig, path: string | undefined): LevelEvidence["config"] {
  return {
    source: path ? "jig.config.yaml" : "defaults (no jig.config.yaml)",
    domains: Object.keys(config.domains),
    require: [...config.gate.require],
    skip: [...config.gate.skip],
    criteria: config.gate.criteria,
    ...(config.models.reviewer ? { reviewer: config.models.reviewer } : {}),
    ...(config.models.coder ? { coder: config.models.coder } : {}),
  };
}

/**
 * autonomy.yaml as committed on the default branch, never the work tree: a
 * mode counts once a person has merged it. A broken file is bad input (exit 2).
 */
async function readCommittedAutonomy(
  root: string,
  ref: string,
  cwd: string,
): Promise<{ file: AutonomyFile; source: string } | undefined> {
  const result = await runGitResult(["show", `${ref}:${AUTONOMY_FILE}`], root);
  if (result.exitCode !== 0) return undefined;
  const display = relative(cwd, join(root, AUTONOMY_FILE)) || AUTONOMY_FILE;
  const { autonomy, problems } = parseAutonomy(result.stdout, display);
  if (!autonomy) throw new ValidationError(problems);
  return { file: autonomy, source: `${AUTONOMY_FILE} on ${ref}` };
}

function readStore(
  target: StoreTarget,
  now: Date,
  runsSince: string,
  entryFor: Parameters<typeof readLevelStore>[1]["entryFor"],
): LevelStoreEvidence {
  if (!target.url && !existsSync(target.path)) return { runs: [], incidents: [], demotions: [] };
  const db = openStoreDatabase(target);
  try {
    return readLevelStore(db, {
      incidentsSince: new Date(now.getTime() - 90 * 86_400_000).toISOString(),
      runsSince,
      entryFor,
    });
  } finally {
    db.close();
  }
}

/**
 * A pre-push hook that runs jig: the one `jig hooks install` writes (its
 * marker), or a husky/lefthook hook running `jig hooks pre-push`.
 */
async function findPrePushHook(root: string): Promise<string | undefined> {
  // --git-path honours core.hooksPath (husky, lefthook), so one call finds either.
  const gitHooks = (await tryGit(["rev-parse", "--git-path", "hooks"], root))?.trim();
  const candidates = [
    ...(gitHooks ? [join(isAbsolute(gitHooks) ? gitHooks : join(root, gitHooks), "pre-push")] : []),
    join(root, ".husky", "pre-push"),
    join(root, "lefthook.yml"),
    join(root, "lefthook.yaml"),
  ];
  for (const candidate of candidates) {
    const text = await readText(candidate);
    if (text?.includes(HOOK_MARKER) || text?.includes("jig hooks pre-push"))
      return shown(root, candidate);
  }
  return undefined;
}

/** Workflow files under .github/workflows whose steps run `jig check`. */
async function findCiWorkflows(root: string): Promise<string[]> {
  const dir = join(root, ".github", "workflows");
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: string[] = [];
  for (const name of names.filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const text = await readText(join(dir, name));
    if (text && /\bjig(?:\.js)?\s+check\b/.test(text)) found.push(`.github/workflows/${name}`);
  }
  return found;
}

async function findClaudeHook(root: string): Promise<string | undefined> {
  const text = await readText(join(root, ".claude", "settings.json"));
  return text && /guard\s+claude-hook/.test(text) ? ".claude/settings.json" : undefined;
}

async function listManifests(root: string, dir: string): Promise<string[]> {
  const absolute = resolve(root, dir);
  const names = await readdir(absolute).catch(() => [] as string[]);
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => shown(root, join(absolute, name)));
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, "utf8").catch(() => undefined);
}

/** A path as the report cites it: relative to the repository root when inside it. */
function shown(root: string, path: string): string {
  const rel = relative(root, path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
