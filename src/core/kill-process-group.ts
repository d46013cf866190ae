import type { ChildProcess } from "node:child_process";

/** Whether children can lead their own process group (`detached`), so a kill reaches grandchildren. */
export const PROCESS_GROUPS = process.platform !== "win32";

/**
 * SIGKILL `child` and, where it leads its own process group, the whole
 * group: a shell's grandchild (`sleep 30` after `echo`) would otherwise keep
 * the pipes open long after the child is gone.
 */
export function killProcessGroup(child: ChildProcess): void {
  if (PROCESS_GROUPS && child.pid !== undefined) {
    try {
      process.kill(-child.pid, "SIGKILL");
      return;
    } catch {
      // the group is already gone; fall back to the child itself
    }
  }
  child.kill("SIGKILL");
}
