import { type GitObject, type ObjectReader, openObjectReader } from "../git/open-object-reader.js";

/** A read of the base begun before this module (zod, yaml) has loaded. */
export interface StartedGovernanceRead {
  reader: ObjectReader;
  rootTree: Promise<GitObject | undefined>;
}

/**
 * Start git on the base at once: the process spawns and the root tree is
 * read while the config schema is still loading. Light on purpose (git/ only), so a check can call it before the
 * reader module loads.
 */
export function startGovernanceRead(repoRoot: string, revision: string): StartedGovernanceRead {
  const reader = openObjectReader(repoRoot);
  const rootTree = reader.read(`${revision}^{tree}`);
  rootTree.catch(() => {});
  return { reader, rootTree };
}
