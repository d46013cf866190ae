import { lstat, readFile } from "node:fs/promises";

/** The error code readTextFile gives a symbolic link whose target does not exist. */
export const DANGLING_LINK = "EDANGLINGLINK";

async function isSymbolicLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

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
    // A listed file that is a link to nothing: not "absent" but broken, and
    // the user must see which link (see fileSystemErrorMessage).
    if (errno?.code === "ENOENT" && (await isSymbolicLink(path))) errno.code = DANGLING_LINK;
    throw error;
  }
}
