import { spawnSync } from "node:child_process";
import { gitEnvironment } from "./git-environment.js";

/** What a synchronous git process left: its exit status (null when it never ran) and stdout. */
export interface GitSyncResult {
  status: number | null;
  stdout: Buffer;
}

/**
 * Run git synchronously, for the guard's hot path, which answers from
 * synchronous code and imports nothing heavy. Never throws: a missing git
 * binary is a null status, and the caller decides what a failure means.
 * Everything else runs git through the asynchronous `runGit`.
 */
export function runGitSync(args: string[], cwd: string, input?: string): GitSyncResult {
  const result = spawnSync("git", args, {
    cwd,
    env: gitEnvironment(),
    input: input ?? "",
    maxBuffer: 64 * 1024 * 1024,
    windowsHide: true,
  });
  return { status: result.error ? null : result.status, stdout: result.stdout ?? Buffer.alloc(0) };
}
