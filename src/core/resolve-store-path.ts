import { isAbsolute, resolve } from "node:path";

/**
 * The run store's file: `store.path` from the config, taken relative to the
 * repository root unless it is absolute. Every command that opens the store
 * goes through here, so they all open the same file.
 */
export function resolveStorePath(repoRoot: string, storePath: string): string {
  return isAbsolute(storePath) ? storePath : resolve(repoRoot, storePath);
}
