import type { Commit } from "../core/index.js";
import { GitError } from "../core/index.js";
import { parseTrailerLines, runGitResult } from "../git/index.js";
import type { LevelCommit } from "./level-evidence.js";
import { type DomainMatcher, touchedDomains } from "./match-domains.js";

/** Whether a commit is an agent's, and what proved it (governance's attributeCommit). */
export type AttributeCommit = (
  commit: Pick<Commit, "author" | "committer" | "trailers">,
) => { agent: string; evidence: string } | undefined;

/**
 * Fields per commit, NUL-separated, after a \x01 record mark; `--name-only
 * -z` then lists the paths, NUL-separated. A message cannot hold NUL, so the
 * split is exact.
 */
const FORMAT = "%x01%H%x00%P%x00%ct%x00%an%x00%ae%x00%cn%x00%ce%x00%(trailers:only,unfold)%x00";

/**
 * The recent history of `ref`, newest first: the last `days` days, at most
 * `limit` commits, each attributed (agent or person) and mapped to its
 * domains. One `git log`; an unborn branch is an empty history.
 */
export async function readLevelHistory(options: {
  root: string;
  ref: string;
  now: Date;
  days: number;
  limit: number;
  attribute: AttributeCommit;
  domains: DomainMatcher;
}): Promise<LevelCommit[]> {
  const since = new Date(options.now.getTime() - options.days * 86_400_000).toISOString();
  const result = await runGitResult(
    [
      "log",
      `--max-count=${options.limit}`,
      `--since=${since}`,
      "--no-renames",
      "--name-only",
      "-z",
      `--format=${FORMAT}`,
      options.ref,
      "--",
    ],
    options.root,
  );
  if (result.exitCode !== 0) {
    // A branch with no commits yet has no history; anything else is git's error.
    if (/does not have any commits yet|unknown revision|bad revision/.test(result.stderr))
      return [];
    throw new GitError(`git log ${options.ref} failed: ${result.stderr.trim()}`);
  }
  return parseLevelLog(result.stdout, options.attribute, options.domains);
}

/** Parse the log text {@link readLevelHistory} asks for. Pure. */
export function parseLevelLog(
  text: string,
  attribute: AttributeCommit,
  domains: DomainMatcher,
): LevelCommit[] {
  const commits: LevelCommit[] = [];
  // Most commits touch files seen before: match each path against the globs once.
  const domainsOf = new Map<string, string[]>();
  const match: DomainMatcher = (path) => {
    let names = domainsOf.get(path);
    if (!names) {
      names = domains(path);
      domainsOf.set(path, names);
    }
    return names;
  };
  for (const record of text.split("\x01")) {
    const fields = record.split("\0");
    if (fields.length < 9) continue;
    const [sha, parents, time, an, ae, cn, ce, trailers] = fields as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const paths = fields
      .slice(8)
      .map((path) => path.replace(/^\n/, ""))
      .filter((path) => path.length > 0);
    const attribution = attribute({
      author: `${an} <${ae}>`,
      committer: `${cn} <${ce}>`,
      trailers: parseTrailerLines(trailers),
    });
    commits.push({
      sha: sha.trim(),
      at: new Date(Number(time) * 1000).toISOString(),
      parents: parents.split(" ").filter((p) => p.length > 0),
      ...(attribution ? { agent: attribution.agent, agentEvidence: attribution.evidence } : {}),
      paths,
      domains: touchedDomains(match, paths),
    });
  }
  return commits;
}
