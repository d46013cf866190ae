import { isAbsolute, relative } from "node:path";

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
 * or undefined for any other error, which stays internal. Pure: the path is
 * shown relative to `cwd` when it is inside it.
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
  const shown = isAbsolute(path) ? relative(cwd, path) : path;
  const where = shown === "" ? "." : shown.startsWith("..") ? path : shown;
  return `${where}: ${meaning} (${code})`;
}
