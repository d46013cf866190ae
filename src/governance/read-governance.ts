import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { defaultConfig, type JigConfig } from "../config/config-schema.js";
import { CONFIG_FILE, loadConfig } from "../config/load-config.js";
import { parseConfig } from "../config/parse-config.js";
import { GitError, ValidationError } from "../core/errors.js";
import { type ObjectReader, parseTree, type TreeEntry } from "../git/open-object-reader.js";
import { WAIVERS_FILE } from "../waivers/waivers-file.js";
import { type GovernanceKind, governanceInputs } from "./governance-inputs.js";
import { type StartedGovernanceRead, startGovernanceRead } from "./start-governance-read.js";

/**
 * autonomy/'s AUTONOMY_FILE: governance sits in autonomy's row and cannot
 * import it; the built-in governance paths name it too.
 */
const AUTONOMY_FILE = "autonomy.yaml";

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
  /** `jig.waivers.yaml` as the trusted revision has it (text, and how to name it); absent without one. */
  waivers?: { text: string; label: string };
  /** `autonomy.yaml` as the trusted revision has it; absent without one (autonomy not adopted). */
  autonomy?: { text: string; label: string };
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
  started?: StartedGovernanceRead,
): Promise<GovernanceSnapshot> {
  // One git process answers every read: the root tree, the config, then the
  // folders the config names, level by level, then their files.
  const { reader, rootTree: reading } = started ?? startGovernanceRead(repoRoot, revision);
  try {
    const rootTree = await reading;
    if (rootTree?.type !== "tree") throw new GitError(`cannot read the tree of ${revision}`);
    const idBytes = rootTree.id.length === 64 ? 32 : 20;
    const rootEntries = parseTree(rootTree.content, idBytes);
    const skipped: string[] = [];
    const configEntry = rootEntries.find((entry) => entry.name === CONFIG_FILE);
    let configBlob: Buffer | undefined;
    if (configEntry && isPlainFile(configEntry.mode)) {
      configBlob = (await reader.read(configEntry.id))?.content;
    } else if (configEntry) {
      skipped.push(CONFIG_FILE);
    }
    let config = defaultConfig();
    if (configBlob) {
      // Problems name the file as the user edits it; the line and column are those of the base's version.
      const parsed = parseConfig(configBlob.toString("utf8"), CONFIG_FILE);
      if (!parsed.config) throw new ValidationError(parsed.problems);
      config = parsed.config;
    }
    const readRootFile = async (name: string) => {
      const entry = rootEntries.find((candidate) => candidate.name === name);
      if (entry && !isPlainFile(entry.mode)) skipped.push(name);
      return entry && isPlainFile(entry.mode) ? (await reader.read(entry.id))?.content : undefined;
    };
    const [waiversBlob, autonomyBlob] = await Promise.all([
      readRootFile(WAIVERS_FILE),
      readRootFile(AUTONOMY_FILE),
    ]);
    const listed = await listGovernanceFolders(reader, rootEntries, config, idBytes);
    skipped.push(...listed.skipped);
    const blobs = await Promise.all(listed.files.map((file) => reader.read(file.id)));
    const root = await mkdtemp(join(tmpdir(), "jig-governance-"));
    try {
      await writeCopies(
        root,
        listed.files.map((file, index) => ({ path: file.path, content: blobs[index]?.content })),
        configBlob,
      );
    } catch (error) {
      await rm(root, { recursive: true, force: true });
      throw error;
    }
    const files: GovernanceFile[] = [
      ...(configBlob ? [{ path: CONFIG_FILE, kind: "config" as const }] : []),
      ...listed.files.map((file) => ({ path: file.path, kind: file.kind })),
      ...(waiversBlob ? [{ path: WAIVERS_FILE, kind: "project" as const }] : []),
      ...(autonomyBlob ? [{ path: AUTONOMY_FILE, kind: "project" as const }] : []),
    ];
    const at = `@${revision.slice(0, 7)}`;
    return {
      source: "base",
      revision,
      repoRoot,
      root,
      config,
      ...(configBlob ? { configLabel: `${CONFIG_FILE}@${revision.slice(0, 7)}` } : {}),
      bootstrap: configBlob === undefined,
      files,
      ...(waiversBlob
        ? {
            waivers: {
              text: waiversBlob.toString("utf8"),
              label: `${WAIVERS_FILE}${at}`,
            },
          }
        : {}),
      ...(autonomyBlob
        ? { autonomy: { text: autonomyBlob.toString("utf8"), label: `${AUTONOMY_FILE}${at}` } }
        : {}),
      skipped,
      dispose: () => rm(root, { recursive: true, force: true }),
    };
  } finally {
    reader.close();
  }
}

interface ListedFile {
  path: string;
  id: string;
  kind: GovernanceKind;
}

/**
 * Every plain file under the governance folders the config names (agents,
 * failure models, evals inside the repository, specs), found by walking the
 * trees one level at a time. Symlinks and submodules are listed as skipped.
 */
async function listGovernanceFolders(
  reader: ObjectReader,
  rootEntries: TreeEntry[],
  config: JigConfig,
  idBytes: number,
): Promise<{ files: ListedFile[]; skipped: string[] }> {
  const files: ListedFile[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  let level: Array<{ path: string; id: string; kind: GovernanceKind }> = [];
  for (const input of governanceInputs(config)) {
    if (input.kind === "config" || input.kind === "project") continue;
    const prefix = input.glob.replace(/\/?\*\*$/, "");
    const found = await findPath(reader, rootEntries, prefix, idBytes);
    if (!found) continue;
    if (found.mode !== TREE_MODE) {
      skipped.push(prefix);
      continue;
    }
    level.push({ path: prefix, id: found.id, kind: input.kind });
  }
  while (level.length > 0) {
    const trees = await Promise.all(level.map((dir) => reader.read(dir.id)));
    const next: typeof level = [];
    level.forEach((dir, index) => {
      const tree = trees[index];
      if (tree?.type !== "tree") return;
      for (const entry of parseTree(tree.content, idBytes)) {
        const path = dir.path === "" ? entry.name : `${dir.path}/${entry.name}`;
        if (seen.has(path)) continue;
        seen.add(path);
        if (entry.mode === TREE_MODE) next.push({ path, id: entry.id, kind: dir.kind });
        else if (isPlainFile(entry.mode)) files.push({ path, id: entry.id, kind: dir.kind });
        else skipped.push(path);
      }
    });
    level = next;
  }
  return { files, skipped };
}

const TREE_MODE = "40000";

function isPlainFile(mode: string): boolean {
  return mode === "100644" || mode === "100755";
}

/** The entry at `path` (`a/b/c`) below the root tree, without following links. */
async function findPath(
  reader: ObjectReader,
  rootEntries: TreeEntry[],
  path: string,
  idBytes: number,
): Promise<TreeEntry | undefined> {
  if (path === "") return { mode: TREE_MODE, name: "", id: "" };
  let entries = rootEntries;
  const parts = path.split("/");
  for (const [index, part] of parts.entries()) {
    const entry = entries.find((candidate) => candidate.name === part);
    if (!entry || index === parts.length - 1) return entry;
    if (entry.mode !== TREE_MODE) return entry;
    const tree = await reader.read(entry.id);
    if (tree?.type !== "tree") return undefined;
    entries = parseTree(tree.content, idBytes);
  }
  return undefined;
}

/** Write the copies the layers read; read-only, so nothing in the run edits them by mistake. */
async function writeCopies(
  root: string,
  files: Array<{ path: string; content: Buffer | undefined }>,
  config: Buffer | undefined,
): Promise<void> {
  const all = config ? [...files, { path: CONFIG_FILE, content: config }] : files;
  const dirs = new Set(all.map((file) => dirname(join(root, file.path))));
  await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })));
  await Promise.all(
    all.map((file) =>
      writeFile(join(root, file.path), file.content ?? Buffer.alloc(0), { mode: 0o444 }),
    ),
  );
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
  const [waivers, autonomy] = await Promise.all(
    [WAIVERS_FILE, AUTONOMY_FILE].map((name) =>
      readFile(join(repoRoot, name), "utf8").catch(() => undefined),
    ),
  );
  return {
    source: "working-tree",
    repoRoot,
    root: repoRoot,
    config,
    ...(path ? { configLabel: CONFIG_FILE, configPath: path } : {}),
    bootstrap: false,
    files: [],
    skipped: [],
    ...(waivers !== undefined ? { waivers: { text: waivers, label: WAIVERS_FILE } } : {}),
    ...(autonomy !== undefined ? { autonomy: { text: autonomy, label: AUTONOMY_FILE } } : {}),
    dispose: NOTHING_TO_DISPOSE,
  };
}
