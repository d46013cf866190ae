import { policyContentHash } from "../runtime/index.js";

/**
 * Config and every agents/ file by content, so an edit is seen on the very
 * next call even when size and mtime are unchanged. The same hash keys the
 * in-process snapshot cache (without jig's version, which a daemon never
 * changes).
 */
export function policyFingerprint(repoRoot: string, agentsDir: string): string {
  return policyContentHash(repoRoot, agentsDir);
}
