import { hostname } from "node:os";
import type { RunStoreOptions } from "./run-store.js";

/**
 * True while `pid` exists. Signal 0 checks without signalling; EPERM means
 * the process exists but belongs to someone else, so it is alive.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The real process as a run writer: the thin I/O edge the store drivers default to. */
export function currentProcessOwner(): Required<RunStoreOptions> {
  return { pid: process.pid, host: hostname(), isProcessAlive };
}
