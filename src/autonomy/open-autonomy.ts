import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { type JigConfig, loadConfig } from "../config/index.js";
import { fileSystemErrorMessage } from "../core/file-system-error-message.js";
import { resolveStorePath, UsageError, ValidationError } from "../core/index.js";
import { requireWorkTreeRoot } from "../git/index.js";
import { type JigDatabase, openStoreDatabase, resolveStoreUrl } from "../store/index.js";
import { AUTONOMY_FILE, type AutonomyFile } from "./autonomy-schema.js";
import { type AutonomyStore, createAutonomyStore } from "./autonomy-store.js";
import { parseAutonomy } from "./parse-autonomy.js";

/** What the autonomy commands work on, opened once per command. */
export interface AutonomyWorkspace {
  root: string;
  config: JigConfig;
  /** Absolute path of autonomy.yaml at the repository root. */
  autonomyPath: string;
  /** Its text; undefined when there is none (autonomy not adopted). */
  autonomyText?: string;
  autonomy?: AutonomyFile;
  storePath: string;
  db: JigDatabase;
  store: AutonomyStore;
  close(): void;
}

/**
 * Open the repository's config, autonomy.yaml (from the work tree: these are
 * a person's commands; the gate reads it from the trusted base) and store.
 *
 * @throws ValidationError (exit 2, file:line) for an invalid autonomy.yaml.
 */
export async function openAutonomy(
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<AutonomyWorkspace> {
  // Found on disk, not with `git rev-parse`: status runs often, and a spawn is most of its budget.
  const root = requireWorkTreeRoot(cwd);
  const { config } = await loadConfig(root, { cwd });
  const autonomyPath = join(root, AUTONOMY_FILE);
  const autonomyText = readOptional(autonomyPath, cwd);
  let autonomy: AutonomyFile | undefined;
  if (autonomyText !== undefined) {
    const parsed = parseAutonomy(autonomyText, relative(cwd, autonomyPath) || AUTONOMY_FILE);
    if (!parsed.autonomy) throw new ValidationError(parsed.problems);
    autonomy = parsed.autonomy;
  }
  const storePath = resolveStorePath(root, config.store.path);
  // The team store when store.url or JIG_STORE_URL names one, like jig check.
  const db = openStoreDatabase({ path: storePath, url: resolveStoreUrl(config.store.url, env) });
  return {
    root,
    config,
    autonomyPath,
    ...(autonomyText === undefined ? {} : { autonomyText }),
    ...(autonomy ? { autonomy } : {}),
    storePath,
    db,
    store: createAutonomyStore(db),
    close: () => db.close(),
  };
}

/**
 * The file's text, or undefined when there is none. Any other failure is an
 * input error naming the file and what to do (EISDIR, EACCES, ELOOP…).
 */
export function readOptional(path: string, cwd: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const errno = error as NodeJS.ErrnoException;
    if (errno.code === "ENOENT") return undefined;
    // readFileSync leaves the path off EISDIR; the message must name the file.
    errno.path ??= path;
    const message =
      fileSystemErrorMessage(errno, cwd) ??
      `${relative(cwd, path)}: cannot be read (${errno.message})`;
    throw new UsageError(message, {
      code: "autonomy/unreadable",
      cause: error,
    });
  }
}
