import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ExitCode, JigError } from "../core/errors.js";

/**
 * Write a file atomically (temp file + rename) so a reader never sees a
 * half-written report and an interrupted run leaves the old file intact.
 */
export async function writeOutputFile(cwd: string, path: string, content: string): Promise<string> {
  const target = resolve(cwd, path);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (error) {
    throw new JigError("output/unwritable", `cannot write ${path}: ${(error as Error).message}`, {
      cause: error,
      exitCode: ExitCode.usage,
    });
  }
  return target;
}
