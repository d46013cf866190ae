import type { Finding } from "../core/index.js";

/** `file:line`, `file`, or `(whole change)` for findings that have no file. */
export function formatLocation(finding: Finding): string {
  if (finding.file === undefined) return "(whole change)";
  return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
}

/** `1.23 s` or `45 ms`: readable, and stable for snapshots. */
export function formatDuration(durationMs: number): string {
  if (durationMs >= 1000) return `${(durationMs / 1000).toFixed(2)} s`;
  return `${Math.round(durationMs)} ms`;
}

/** `1 finding`, `3 findings`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
