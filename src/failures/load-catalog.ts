import { createHash } from "node:crypto";
import { readdir, readFile, realpath } from "node:fs/promises";
import { isAbsolute, join, relative } from "node:path";
import type { JigConfig } from "../config/index.js";
import type { Problem } from "../core/index.js";
import { packagePath, readTextFile } from "../core/index.js";
import { writeFileAtomic } from "../core/write-file-atomic.js";
import type { CatalogEntry, CatalogOrigin } from "./failure-model.js";
import {
  findDuplicateIds,
  type ParsedCatalogFile,
  parseCatalogFile,
} from "./parse-catalog-file.js";
import type { RegexVerdict, RegexVerdictStore } from "./regex-safety.js";

/**
 * The starter catalog shipped in the package. Resolved from this module's
 * own location so it works from `src/` (tsx, tests) and `dist/` alike.
 */
export const SHIPPED_CATALOG_DIR = `${packagePath("failure-models")}/`;

/** ReDoS verdicts of the shipped regexes, so a fresh repo need not re-check them. */
export const SHIPPED_VERDICTS_FILE = "regex-verdicts.json";

/** The merged catalog and everything that went wrong reading it. */
export interface LoadedCatalog {
  /** Active entries: shipped, overridden by project entries with the same id, minus `disable`. */
  entries: CatalogEntry[];
  problems: Problem[];
  /** Files read, as shown to the user. */
  files: string[];
  /** Shipped ids replaced by a project entry. */
  overridden: string[];
  /** Ids turned off by `failures.disable`. */
  disabled: string[];
  /** Ids in `failures.disable` that match no entry (probably a typo). */
  unknownDisabled: string[];
  /** Hash of every file read (path, origin, content) and the disable list: equal fingerprints, equal catalogs. */
  fingerprint: string;
}

export interface LoadCatalogOptions {
  repoRoot: string;
  config: JigConfig;
  /** Where paths are shown relative to; defaults to the repo root. */
  cwd?: string;
  /** Defaults to {@link SHIPPED_CATALOG_DIR}; tests point it elsewhere. */
  shippedDir?: string;
  /**
   * A folder (normally `.jig/cache`) where parsed files are cached by content
   * hash. YAML parsing dominates loading a large catalog; JSON is ~10x faster.
   */
  cacheDir?: string;
}

/**
 * Read the shipped catalog (unless `failures.shipped: false`) and the
 * project's `<failures.dir>/*.yaml`, and merge them: a project entry with a
 * shipped id overrides it, `failures.disable` removes entries. Every file's
 * problems are collected; nothing throws for bad content.
 *
 * @example
 * const catalog = await loadCatalog({ repoRoot, config });
 */
export async function loadCatalog(options: LoadCatalogOptions): Promise<LoadedCatalog> {
  const { repoRoot, config } = options;
  const shown = (absolute: string) => {
    const path = relative(options.cwd ?? repoRoot, absolute);
    return path.startsWith("..") || isAbsolute(path) ? absolute : path;
  };
  const cache = options.cacheDir
    ? await openParseCache(join(options.cacheDir, PARSE_CACHE_FILE))
    : undefined;
  const hashes: string[] = [];
  const read = (dir: string, origin: CatalogOrigin) =>
    readCatalogDir(dir, origin, shown, cache, hashes);
  const shipped = config.failures.shipped
    ? await read(options.shippedDir ?? SHIPPED_CATALOG_DIR, "shipped")
    : { entries: [], problems: [], files: [] };
  const projectDir = isAbsolute(config.failures.dir)
    ? config.failures.dir
    : join(repoRoot, config.failures.dir);
  // In jig's own repository the project folder is the shipped one: read it once.
  const sameDir =
    config.failures.shipped &&
    (await samePath(projectDir, options.shippedDir ?? SHIPPED_CATALOG_DIR));
  const project = sameDir
    ? { entries: [], problems: [], files: [] }
    : await read(projectDir, "project");
  await cache?.save();

  const problems = [...shipped.problems, ...project.problems];
  const byId = new Map<string, CatalogEntry>();
  const overridden: string[] = [];
  for (const entry of shipped.entries) if (!byId.has(entry.id)) byId.set(entry.id, entry);
  for (const entry of project.entries) {
    const previous = byId.get(entry.id);
    if (previous?.origin === "shipped") overridden.push(entry.id);
    if (!previous || previous.origin === "shipped") byId.set(entry.id, entry);
  }
  const disable = new Set(config.failures.disable);
  const disabled = [...byId.keys()].filter((id) => disable.has(id));
  const unknownDisabled = [...disable].filter((id) => !byId.has(id));
  const entries = [...byId.values()].filter((entry) => !disable.has(entry.id));
  const fingerprint = createHash("sha1")
    .update(JSON.stringify([hashes, [...disable].sort()]))
    .digest("hex");
  return {
    fingerprint,
    entries,
    problems,
    files: [...shipped.files, ...project.files],
    overridden,
    disabled,
    unknownDisabled,
  };
}

async function samePath(left: string, right: string): Promise<boolean> {
  try {
    return (await realpath(left)) === (await realpath(right));
  } catch {
    return false;
  }
}

async function readCatalogDir(
  dir: string,
  origin: CatalogOrigin,
  shown: (absolute: string) => string,
  cache: ParseCache | undefined,
  hashes: string[],
): Promise<{ entries: CatalogEntry[]; problems: Problem[]; files: string[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { entries: [], problems: [], files: [] };
    throw error;
  }
  const entries: CatalogEntry[] = [];
  const problems: Problem[] = [];
  const files: string[] = [];
  const texts = await Promise.all(names.map((name) => readTextFile(join(dir, name))));
  names.forEach((name, index) => {
    const path = shown(join(dir, name));
    files.push(path);
    const text = texts[index] as string;
    const key = createHash("sha1")
      .update(`${PARSE_CACHE_VERSION}\0${origin}\0${path}\0${text}`)
      .digest("hex");
    hashes.push(key);
    let parsed = cache?.get(key);
    if (!parsed) {
      parsed = parseCatalogFile(text, path, origin);
      if (parsed.problems.length === 0) cache?.set(key, parsed);
    }
    problems.push(...parsed.problems.filter((problem) => problem.code !== "catalog/duplicate-id"));
    entries.push(...parsed.entries);
  });
  problems.push(...findDuplicateIds(entries));
  return { entries, problems, files };
}

/** A verdict store backed by a JSON file; `save()` writes it back when it changed. */
export interface FileVerdictStore extends RegexVerdictStore {
  save(): Promise<void>;
}

/**
 * Open a JSON verdict file (missing or unreadable means empty). Used for the
 * shipped seed (read only) and the project cache under `.jig/cache/`.
 */
export async function openVerdictFile(path: string): Promise<FileVerdictStore> {
  let verdicts: Record<string, RegexVerdict> = {};
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      verdicts = parsed as Record<string, RegexVerdict>;
  } catch {
    // A missing or corrupt cache only costs a re-check.
  }
  let dirty = false;
  return {
    get: (key) => verdicts[key],
    set(key, verdict) {
      if (verdicts[key] === verdict) return;
      verdicts[key] = verdict;
      dirty = true;
    },
    async save() {
      if (!dirty) return;
      const sorted = Object.fromEntries(
        Object.entries(verdicts).sort(([left], [right]) => (left < right ? -1 : 1)),
      );
      await writeFileAtomic(path, `${JSON.stringify(sorted, null, 2)}\n`);
      dirty = false;
    },
  };
}

const PARSE_CACHE_FILE = "failure-models-parsed.json";
/** Bump when the parsed shape changes, so old cache entries are ignored. */
const PARSE_CACHE_VERSION = "1";

interface ParseCache {
  get(key: string): ParsedCatalogFile | undefined;
  set(key: string, value: ParsedCatalogFile): void;
  save(): Promise<void>;
}

/** Parsed catalog files by content hash; entries not used in this load are dropped on save. */
async function openParseCache(path: string): Promise<ParseCache> {
  let stored: Record<string, ParsedCatalogFile> = {};
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      stored = parsed as Record<string, ParsedCatalogFile>;
  } catch {
    // Missing or corrupt: parse again.
  }
  const used: Record<string, ParsedCatalogFile> = {};
  let dirty = false;
  return {
    get(key) {
      const value = stored[key];
      if (value) used[key] = value;
      return value;
    },
    set(key, value) {
      used[key] = value;
      dirty = true;
    },
    async save() {
      if (!dirty && Object.keys(used).length === Object.keys(stored).length) return;
      try {
        await writeFileAtomic(path, JSON.stringify(used));
      } catch {
        // A read-only checkout only loses the cache.
      }
    },
  };
}
