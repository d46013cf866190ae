import { readFile } from "node:fs/promises";

/**
 * `readFile(path, "utf8")` whose errors always name the path. Node leaves
 * `path` off some of them (EISDIR when the file is a directory), and without
 * it the CLI cannot tell the user which file to fix.
 */
export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const errno = error as NodeJS.ErrnoException;
    if (errno && typeof errno === "object" && errno.path === undefined) errno.path = path;
    throw error;
  }
}
