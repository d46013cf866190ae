import type { Commit } from "../core/index.js";

/**
 * The `git log --format` that {@link parseGitLog} reads: eight NUL-terminated
 * fields per commit. A commit message cannot contain NUL, so the split is
 * exact whatever the subject or body holds. `%(trailers:only,unfold)` prints
 * the trailer block normalised to `Key: value` lines, folded values joined.
 */
export const GIT_LOG_FORMAT =
  "%H%x00%an%x00%ae%x00%cn%x00%ce%x00%s%x00%b%x00%(trailers:only,unfold)%x00";

const FIELDS = 8;

/**
 * Parse `git log --format=GIT_LOG_FORMAT` output into commits, in the order
 * given. Pure, so it is tested on literal text.
 */
export function parseGitLog(text: string): Commit[] {
  const fields = text.split("\0");
  const commits: Commit[] = [];
  // The last element is what follows the final NUL: the newline git adds after each record.
  for (let start = 0; start + FIELDS <= fields.length; start += FIELDS) {
    const sha = (fields[start] ?? "").trim();
    if (sha.length === 0) break;
    const name = fields[start + 1] ?? "";
    const email = fields[start + 2] ?? "";
    commits.push({
      sha,
      author: identity(name, email),
      committer: identity(fields[start + 3] ?? "", fields[start + 4] ?? ""),
      subject: fields[start + 5] ?? "",
      body: (fields[start + 6] ?? "").trim(),
      trailers: parseTrailerLines(fields[start + 7] ?? ""),
    });
  }
  return commits;
}

function identity(name: string, email: string): string {
  return email.length > 0 ? `${name} <${email}>` : name;
}

/**
 * `Key: value` lines (from `%(trailers:only,unfold)` or
 * `git interpret-trailers --parse`) → key/value pairs, keys as written, in order.
 * Trailer keys cannot contain `:`, so the first colon splits key from value.
 */
export function parseTrailerLines(text: string): Array<{ key: string; value: string }> {
  const trailers: Array<{ key: string; value: string }> = [];
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim();
    if (key.length === 0) continue;
    trailers.push({ key, value: line.slice(colon + 1).trim() });
  }
  return trailers;
}
