import { resolve } from "node:path";
import { ExitCode, JigError } from "../core/errors.js";
import { writeFileAtomic } from "../core/write-file-atomic.js";

/**
 * Write a file atomically (temp file + rename) so a reader never sees a
 * half-written report and an interrupted run leaves the old file intact.
 */
export async function writeOutputFile(cwd: string, path: string, content: string): Promise<string> {
  const target = resolve(cwd, path);
  try {
    await writeFileAtomic(target, content);
  } catch (error) {
    throw new JigError("output/unwritable", `cannot write ${path}: ${(error as Error).message}`, {
      cause: error,
      exitCode: ExitCode.usage,
    });
  }
  return target;
}
