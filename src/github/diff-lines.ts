const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/**
 * The lines of the file after the change that a review comment may sit on:
 * the added and context lines of a file's `patch` (as `pulls.listFiles`
 * returns it), by their line number on the RIGHT side. GitHub rejects a
 * comment on any other line, so a finding elsewhere goes in the PR comment.
 * A file without a patch (binary, or too large for the API) has none. Pure.
 *
 * @example
 * commentableLines("@@ -1,2 +1,3 @@\n a\n+b\n c"); // Set {1, 2, 3}
 */
export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  if (patch === undefined) return lines;
  let next: number | undefined;
  for (const text of patch.split("\n")) {
    const header = HUNK_HEADER.exec(text);
    if (header) {
      next = Number(header[1]);
      continue;
    }
    if (next === undefined) continue;
    const marker = text[0];
    if (marker === "+" || marker === " ") {
      lines.add(next);
      next += 1;
    }
    // "-" lines exist only on the LEFT side; "\ No newline at end of file" is no line.
  }
  return lines;
}
