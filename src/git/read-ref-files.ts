import { existsSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { runGitSync } from "./run-git-sync.js";

// Node built-ins and run-git-sync only: the guard's hot path reads refs on
// every tool call and must not spawn git (or load git/index.ts) to do it.

/** Refs as stored in a repository's `.git` files, read without running git. */
export interface RefFiles {
  /** HEAD's branch (undefined when detached) and commit (undefined before the first commit). */
  head: { branch?: string; sha?: string };
  /** The commit a full ref name (`refs/heads/main`) points at, following symbolic refs. */
  resolve(ref: string): string | undefined;
  /** Where a symbolic ref points: `refs/remotes/origin/HEAD` → `refs/remotes/origin/main`. */
  target(ref: string): string | undefined;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The refs of the work tree at `repoRoot`, from loose ref files and
 * `packed-refs` (a linked worktree's HEAD from its own git dir, branches
 * from the common one). Undefined when there is no `.git` or the refs are
 * not kept as files (the reftable backend): callers then ask git itself.
 *
 * @example
 * readRefFiles(repoDir)?.resolve("refs/heads/main"); // "1a2b3c…"
 */
export function readRefFiles(repoRoot: string): RefFiles | undefined {
  const dirs = gitDirs(repoRoot);
  if (!dirs || existsSync(join(dirs.common, "reftable"))) return undefined;
  let packed: Map<string, string> | undefined;
  const packedRefs = (): Map<string, string> => {
    packed ??= readPackedRefs(dirs.common);
    return packed;
  };
  const loose = (ref: string): string | undefined => {
    if (!isSafeRef(ref)) return undefined;
    const dir = ref === "HEAD" ? dirs.own : dirs.common;
    try {
      return readFileSync(join(dir, ref), "utf8").trim();
    } catch {
      return undefined;
    }
  };
  const target = (ref: string): string | undefined => /^ref:\s*(\S+)$/.exec(loose(ref) ?? "")?.[1];
  const resolve = (ref: string, depth = 0): string | undefined => {
    const content = loose(ref);
    const symbolic = /^ref:\s*(\S+)$/.exec(content ?? "")?.[1];
    if (symbolic !== undefined) return depth < 5 ? resolve(symbolic, depth + 1) : undefined;
    if (content !== undefined && SHA.test(content)) return content;
    return packedRefs().get(ref);
  };
  const headTarget = target("HEAD");
  const head: RefFiles["head"] = {};
  if (headTarget?.startsWith("refs/heads/")) head.branch = headTarget.slice("refs/heads/".length);
  const headSha = resolve("HEAD");
  if (headSha !== undefined) head.sha = headSha;
  return { head, resolve: (ref) => resolve(ref), target };
}

/** The work tree's own git dir (HEAD) and the common one (refs), following a linked worktree's `.git` file. */
function gitDirs(repoRoot: string): { own: string; common: string } | undefined {
  try {
    let own = join(repoRoot, ".git");
    if (statSync(own).isFile()) {
      const pointer = /gitdir:\s*(.+)/.exec(readFileSync(own, "utf8"))?.[1]?.trim();
      if (!pointer) return undefined;
      own = isAbsolute(pointer) ? pointer : join(repoRoot, pointer);
    }
    let common = own;
    try {
      const pointer = readFileSync(join(own, "commondir"), "utf8").trim();
      common = isAbsolute(pointer) ? pointer : join(own, pointer);
    } catch {
      // No commondir file: the main work tree, whose git dir holds everything.
    }
    return { own, common };
  } catch {
    return undefined;
  }
}

function readPackedRefs(commonDir: string): Map<string, string> {
  const refs = new Map<string, string>();
  let text = "";
  try {
    text = readFileSync(join(commonDir, "packed-refs"), "utf8");
  } catch {
    return refs;
  }
  for (const line of text.split("\n")) {
    // `# pack-refs with: …` headers and `^<sha>` peeled tag lines carry no ref name.
    const match = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) (\S+)$/.exec(line.trim());
    if (match?.[1] && match[2]) refs.set(match[2], match[1]);
  }
  return refs;
}

/** A ref name becomes a path under `.git`: nothing may climb out of it. */
function isSafeRef(ref: string): boolean {
  return (
    (ref === "HEAD" || ref.startsWith("refs/")) &&
    !ref.split("/").some((part) => part === "" || part === "." || part === "..") &&
    !/[\0\\]/.test(ref)
  );
}

/**
 * The same view as {@link readRefFiles}, asked of git (two processes), for
 * repositories whose refs are not plain files. Only branches and
 * `origin`'s remote-tracking refs are listed: all the guard looks at.
 */
export function readRefsWithGit(repoRoot: string): RefFiles | undefined {
  const listed = runGitSync(
    [
      "for-each-ref",
      "--format=%(refname)%09%(objectname)%09%(symref)",
      "refs/heads",
      "refs/remotes/origin",
    ],
    repoRoot,
  );
  if (listed.status !== 0) return undefined;
  const shas = new Map<string, string>();
  const targets = new Map<string, string>();
  for (const line of listed.stdout.toString("utf8").split("\n")) {
    const [name, sha, symref] = line.split("\t");
    if (!name || !sha) continue;
    shas.set(name, sha);
    if (symref) targets.set(name, symref);
  }
  const head: RefFiles["head"] = {};
  // `rev-parse HEAD --symbolic-full-name HEAD`: the commit, then `refs/heads/<branch>` or `HEAD` when detached.
  const parsed = runGitSync(["rev-parse", "HEAD", "--symbolic-full-name", "HEAD"], repoRoot);
  if (parsed.status === 0) {
    const [sha, name] = parsed.stdout.toString("utf8").trim().split("\n");
    if (sha && SHA.test(sha)) head.sha = sha;
    if (name?.startsWith("refs/heads/")) head.branch = name.slice("refs/heads/".length);
  }
  return {
    head,
    resolve: (ref) => (ref === "HEAD" ? head.sha : shas.get(ref)),
    target: (ref) => targets.get(ref),
  };
}
