import type { Change } from "../../core/index.js";
import { parseUnifiedDiff } from "../../git/index.js";

/** A committed change made of the files in a unified diff, for detector tests. */
export function changeOf(diff: string): Change {
  return {
    base: "a",
    head: "b",
    baseRef: "a",
    headRef: "b",
    workingTree: false,
    files: parseUnifiedDiff(diff),
    commits: [],
  };
}
