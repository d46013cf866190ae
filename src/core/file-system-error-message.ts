import { statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";

/** What each file-system error means for the user, and what to do about it. */
const FILE_SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  EACCES:
    "permission denied; make it readable by this user (chmod, chown) or move it out of the way",
  EPERM:
    "operation not permitted; make it readable by this user (chmod, chown) or move it out of the way",
  EISDIR: "is a directory where a file was expected; replace it with a file or remove it",
  ENOTDIR:
    "is a file where a directory was expected (or a part of its path is); make it a directory or remove it",
  ELOOP: "is a symbolic link loop; point the link at a real file or directory, or remove it",
  ENAMETOOLONG: "the path is too long; shorten it",
  // Not Node's: readTextFile's code for ENOENT on a symbolic link.
  EDANGLINGLINK:
    "is a symbolic link to a file that does not exist; point it at a real file or remove it",
};

/**
 * The one line shown for a file-system error that the user can fix (an
 * unreadable `specs/`, a directory where a file belongs, a symlink loop),
 * or undefined for any other error, which stays internal. The path is shown
 * relative to `cwd` when it is inside it. For ENOTDIR it names the file that
 * stands where a directory belongs (`evals`), not the path that was asked for
 * (`evals/.jig-seal.json`), since that file is what the user must move.
 *
 * @example
 * fileSystemErrorMessage(Object.assign(new Error("x"), { code: "EISDIR", path: "/r/jig.config.yaml" }), "/r")
 * // "jig.config.yaml: is a directory where a file was expected; replace it with a file or remove it"
 */
export function fileSystemErrorMessage(error: unknown, cwd: string): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path } = error as NodeJS.ErrnoException;
  const meaning = code === undefined ? undefined : FILE_SYSTEM_ERRORS[code];
  if (meaning === undefined || typeof path !== "string") return undefined;
  const blocking = code === "ENOTDIR" ? blockingFile(resolve(cwd, path)) : undefined;
  const target = blocking ?? path;
  const shown = isAbsolute(target) ? relative(cwd, target) : target;
  const where = shown === "" ? "." : shown.startsWith("..") ? target : shown;
  return `${where}: ${meaning} (${code})`;
}

/** The outermost ancestor of `path` that exists and is not a directory, if any. */
function blockingFile(path: string): string | undefined {
  const ancestors: string[] = [];
  for (let at = dirname(path); at !== dirname(at); at = dirname(at)) ancestors.unshift(at);
  for (const ancestor of ancestors) {
    try {
      if (!statSync(ancestor).isDirectory()) return ancestor;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
