import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { policyInputs } from "../runtime/index.js";

/**
 * Config and every agents/ file by content, so an edit is seen on the very
 * next call even when size and mtime are unchanged (the in-process snapshot
 * cache keys on those and can miss an edit inside one clock tick).
 */
export function policyFingerprint(repoRoot: string, agentsDir: string): string {
  const hash = createHash("sha256");
  const { header, files } = policyInputs(repoRoot, agentsDir);
  const [config, ...agents] = files;
  const add = ({ label, path }: { label: string; path: string }): void => {
    try {
      hash.update(`\n${label}\n`).update(readFileSync(path));
    } catch (error) {
      hash.update(`\n${label}:${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
    }
  };
  if (config) add(config);
  hash.update(`\n${header}`);
  for (const file of agents) add(file);
  return hash.digest("hex");
}
