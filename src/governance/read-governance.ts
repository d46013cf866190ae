import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { defaultConfig, type JigConfig } from "../config/config-schema.js";
import { CONFIG_FILE, loadConfig } from "../config/load-config.js";
import { parseConfig } from "../config/parse-config.js";
import { ValidationError } from "../core/errors.js";
import { listRevisionFiles, readBlobs } from "../git/read-revision-files.js";
import { createGovernanceMatcher, type GovernanceKind } from "./governance-inputs.js";

/** One governance file a check read. */
export interface GovernanceFile {
  path: string;
  kind: GovernanceKind;
}

/**
 * The rules a check is judged by, and where they were read from. With a
 * base revision every input comes from git objects at that commit, copied
 * into a private folder (`root`) the layers read instead of the working
 * tree, so nothing the change wrote can reach them.
 */
export interface GovernanceSnapshot {
  /** `base`: git objects at `revision`. `working-tree`: the files on disk (a unified diff has no base). */
  source: "base" | "working-tree";
  /** Full sha of the trusted revision, with `source: base`. */
  revision?: string;
  /** The repository the change is in. */
  repoRoot: string;
  /** Where the layers read governance files: the private copy, or `repoRoot`. */
  root: string;
  config: JigConfig;
  /** How to name the config in messages: `jig.config.yaml@1a2b3c4`; absent without one. */
  configLabel?: string;
  /** Absolute path of the config on disk, with `source: working-tree`. */
  configPath?: string;
  /** The base has no `jig.config.yaml`: jig is being adopted, nothing is trusted yet. */
  bootstrap: boolean;
  files: GovernanceFile[];
  /** Governance entries at the base that are not plain files (symlinks, submodules): not read. */
  skipped: string[];
  /** Removes the private copy. */
  dispose(): Promise<void>;
}

const NOTHING_TO_DISPOSE = async () => {};

/**
 * Read every governance input as it is at `revision`: the config first
 * (defaults and `bootstrap` when the commit has none), then, with the folders
 * that config names, the agents, failure models, evals and specs. Symlinks
 * and submodules are never followed: a governance path that is a link at the
 * base is listed in `skipped` and read as absent.
 *
 * @throws ValidationError when the base's config is invalid (exit 2), naming `jig.config.yaml@<sha>`.
 */
export async function readGovernanceAt(
  repoRoot: string,
  revision: string,
): Promise<GovernanceSnapshot> {
  const entries = await listRevisionFiles(repoRoot, revision);
  const label = `${CONFIG_FILE}@${revision.slice(0, 7)}`;
  const configEntry = entries.find((entry) => entry.path === CONFIG_FILE);
  let config = defaultConfig();
  const skipped: string[] = [];
  if (configEntry && configEntry.mode !== "100644" && configEntry.mode !== "100755") {
    skipped.push(configEntry.path);
  }
  const configBlob =
    configEntry && !skipped.includes(configEntry.path)
      ? (await readBlobs(repoRoot, [configEntry.sha])).get(configEntry.sha)
      : undefined;
  if (configBlob) {
    // Problems name the file as the user edits it; the line and column are those of the base's version.
    const parsed = parseConfig(configBlob.toString("utf8"), CONFIG_FILE);
    if (!parsed.config) throw new ValidationError(parsed.problems);
    config = parsed.config;
  }
  const matcher = createGovernanceMatcher(config);
  const files: GovernanceFile[] = [];
  const toCopy: Array<{ path: string; sha: string }> = [];
  for (const entry of entries) {
    const input = matcher(entry.path);
    if (!input) continue;
    if (entry.mode !== "100644" && entry.mode !== "100755") {
      if (!skipped.includes(entry.path)) skipped.push(entry.path);
      continue;
    }
    files.push({ path: entry.path, kind: input.kind });
    // Project paths (CODEOWNERS, workflows) are only watched, never read by a layer.
    if (input.kind !== "project") toCopy.push(entry);
  }
  const root = await mkdtemp(join(tmpdir(), "jig-governance-"));
  try {
    const blobs = await readBlobs(
      repoRoot,
      toCopy.map((entry) => entry.sha),
    );
    const dirs = new Set(toCopy.map((entry) => dirname(join(root, entry.path))));
    await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })));
    await Promise.all(
      toCopy.map((entry) =>
        writeFile(join(root, entry.path), blobs.get(entry.sha) ?? Buffer.alloc(0), {
          mode: 0o444,
        }),
      ),
    );
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return {
    source: "base",
    revision,
    repoRoot,
    root,
    config,
    ...(configBlob ? { configLabel: label } : {}),
    bootstrap: configBlob === undefined,
    files,
    skipped,
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/**
 * Governance from the working tree: for a unified diff, which has no base
 * revision. The report says so; nothing here is verified against history.
 */
export async function readWorkingTreeGovernance(
  repoRoot: string,
  cwd: string,
): Promise<GovernanceSnapshot> {
  const { config, path } = await loadConfig(repoRoot, { cwd });
  return {
    source: "working-tree",
    repoRoot,
    root: repoRoot,
    config,
    ...(path ? { configLabel: CONFIG_FILE, configPath: path } : {}),
    bootstrap: false,
    files: [],
    skipped: [],
    dispose: NOTHING_TO_DISPOSE,
  };
}
