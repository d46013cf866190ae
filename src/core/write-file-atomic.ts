import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Write `content` to `path` so that readers see the old file or the new one,
 * never half of it: write a sibling temp file, then rename over the target.
 * The folder is created when missing; the temp file is removed on failure.
 * The temp name is random, so two processes writing the same file never
 * share a temp file.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = temporaryPath(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** `writeFileAtomic` for the guard's hot path and other synchronous callers. */
export function writeFileAtomicSync(path: string, content: string | Uint8Array): void {
  const temporary = temporaryPath(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function temporaryPath(path: string): string {
  return `${path}.${randomBytes(6).toString("hex")}.tmp`;
}
