// Node built-ins only: the PostToolUse fast path (guard-client) imports this
// file on every tool call.
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where the hook marks an ask awaiting its answer; the PostToolUse hook opens the store only when one exists. */
export const PENDING_ASKS_DIR = ".jig/asks";

/** A tool_use_id as a file name: anything but [A-Za-z0-9_-] is refused (undefined). */
function markerName(toolUseId: string): string | undefined {
  return /^[A-Za-z0-9_-]{1,200}$/.test(toolUseId) ? toolUseId : undefined;
}

/** Mark an ask as awaiting its PostToolUse. A failure only costs the answer's evidence. */
export function markPendingAsk(repoRoot: string, toolUseId: string): void {
  const name = markerName(toolUseId);
  if (!name) return;
  try {
    const dir = join(repoRoot, PENDING_ASKS_DIR);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, name), "", { mode: 0o600 });
  } catch {
    // No marker: the ask times out as denied, which only under-counts trust.
  }
}

/** Whether an ask for this tool_use_id may be pending: a stat, so PostToolUse for an allowed call stays cheap. */
export function hasPendingAsk(repoRoot: string, toolUseId: string): boolean {
  const name = markerName(toolUseId);
  if (!name) return false;
  try {
    return statSync(join(repoRoot, PENDING_ASKS_DIR, name)).isFile();
  } catch {
    return false;
  }
}

export function clearPendingAsk(repoRoot: string, toolUseId: string): void {
  const name = markerName(toolUseId);
  if (name) rmSync(join(repoRoot, PENDING_ASKS_DIR, name), { force: true });
}
