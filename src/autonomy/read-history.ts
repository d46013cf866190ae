import { parseTrailerLines, runGit } from "../git/index.js";
import type { HistoryCommit, LineRange } from "./judge-outcomes.js";

/**
 * One record per commit: a record separator, eight NUL-ended fields, then
 * the `-U0` patch. Committer time as a unix timestamp, converted below.
 */
const FORMAT =
  "--format=%x1e%H%x00%ct%x00%an <%ae>%x00%cn <%ce>%x00%s%x00%b%x00%(trailers:only,unfold)%x00";
const PATCH_ARGS = ["-p", "-U0", "--no-renames", "--no-color", "--no-ext-diff", FORMAT];

/** The commits of `branch` (every one reachable from it), oldest first, optionally since a time. */
export async function readBranchHistory(
  root: string,
  branch: string,
  since?: string,
): Promise<HistoryCommit[]> {
  const args = ["-c", "core.quotePath=false", "log", ...PATCH_ARGS];
  if (since) args.push(`--since=${since}`);
  args.push(branch, "--");
  const commits = parseHistory(await runGit(args, root));
  return commits.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The commits among `shas` that still exist here (amended heads may be gone after gc). */
export async function readCommits(root: string, shas: readonly string[]): Promise<HistoryCommit[]> {
  if (shas.length === 0) return [];
  const check = await runGit(["cat-file", "--batch-check"], root, {
    input: `${shas.join("\n")}\n`,
  });
  const present = check
    .split("\n")
    .map((line) => line.split(" "))
    .filter((parts) => parts[1] === "commit")
    .map((parts) => parts[0] as string);
  if (present.length === 0) return [];
  return parseHistory(
    await runGit(
      ["-c", "core.quotePath=false", "log", "--no-walk=unsorted", "--stdin", ...PATCH_ARGS, "--"],
      root,
      { input: `${present.join("\n")}\n` },
    ),
  );
}

/** `git patch-id --stable` of each commit: equal ids mean the same change, rebased or squashed. */
export async function readPatchIds(
  root: string,
  shas: readonly string[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (shas.length === 0) return ids;
  const patches = await runGit(
    ["show", "--no-color", "--no-ext-diff", "--format=commit %H", ...shas],
    root,
  );
  const output = await runGit(["patch-id", "--stable"], root, { input: patches });
  for (const line of output.split("\n")) {
    const [id, sha] = line.trim().split(" ");
    if (id && sha) ids.set(sha, id);
  }
  return ids;
}

/** Parse the output of `git log` with {@link FORMAT} and a `-U0` patch. Pure; exported for tests. */
export function parseHistory(text: string): HistoryCommit[] {
  const commits: HistoryCommit[] = [];
  for (const record of text.split("\x1e")) {
    const fields = record.split("\0");
    if (fields.length < 8) continue;
    const sha = (fields[0] ?? "").trim();
    if (!/^[0-9a-f]{40,64}$/.test(sha)) continue;
    const { paths, lines } = parsePatch(fields.slice(7).join("\0"));
    commits.push({
      sha,
      at: new Date(Number(fields[1]) * 1000).toISOString(),
      author: fields[2] ?? "",
      committer: fields[3] ?? "",
      subject: fields[4] ?? "",
      body: (fields[5] ?? "").trim(),
      trailers: parseTrailerLines(fields[6] ?? ""),
      paths,
      lines,
    });
  }
  return commits;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function parsePatch(patch: string): {
  paths: string[];
  lines: Map<string, { old: LineRange[]; new: LineRange[] }>;
} {
  const paths: string[] = [];
  const lines = new Map<string, { old: LineRange[]; new: LineRange[] }>();
  let current: { old: LineRange[]; new: LineRange[] } | undefined;
  let from: string | undefined;
  const enter = (path: string) => {
    if (!paths.includes(path)) paths.push(path);
    current = lines.get(path) ?? { old: [], new: [] };
    lines.set(path, current);
  };
  for (const line of patch.split("\n")) {
    if (line.startsWith("diff --git ")) {
      const b = line.lastIndexOf(" b/");
      from = undefined;
      if (b > 0) enter(line.slice(b + 3));
    } else if (line.startsWith("--- a/")) {
      from = line.slice(6);
    } else if (line.startsWith("+++ ")) {
      const to = line === "+++ /dev/null" ? from : line.replace(/^\+\+\+ b\//, "");
      if (to) enter(to);
    } else if (line.startsWith("@@ ") && current) {
      const match = HUNK.exec(line);
      if (!match) continue;
      const oldCount = match[2] === undefined ? 1 : Number(match[2]);
      const newCount = match[4] === undefined ? 1 : Number(match[4]);
      const oldStart = Number(match[1]);
      const newStart = Number(match[3]);
      if (oldCount > 0) current.old.push([oldStart, oldStart + oldCount - 1]);
      if (newCount > 0) current.new.push([newStart, newStart + newCount - 1]);
    }
  }
  return { paths, lines };
}
