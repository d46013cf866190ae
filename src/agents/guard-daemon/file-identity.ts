import { statSync } from "node:fs";

/**
 * Which file `path` is (device and inode), or "missing": a file replaced
 * or removed under the same name gets a new identity, which is how the
 * daemon notices that its database or its socket is no longer its own.
 */
export function fileIdentity(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return "missing";
  }
}
