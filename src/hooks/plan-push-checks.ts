/** All zeros: git's "no object" sha in pre-push ref lines. */
const ZERO = /^0+$/;

/** One line git writes to a pre-push hook's stdin. */
export interface PushedRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

/** What the hook does with one pushed ref. */
export type PushPlan =
  | { kind: "skip"; ref: PushedRef; reason: string }
  | {
      kind: "check";
      ref: PushedRef;
      base: { sha: string } | { mergeBaseWith: "default-branch" };
      head: string;
    };

/**
 * Parse git's pre-push stdin: `<local ref> <local sha> <remote ref> <remote sha>`
 * per line. Pure.
 */
export function parsePushedRefs(stdin: string): PushedRef[] {
  return stdin
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length === 4)
    .map(([localRef = "", localSha = "", remoteRef = "", remoteSha = ""]) => ({
      localRef,
      localSha,
      remoteRef,
      remoteSha,
    }));
}

/**
 * Decide how each pushed ref is checked. Deletes are skipped (nothing to
 * check); tags are skipped (their commits were checked on their branch); a
 * new branch is checked from its merge-base with the default branch; an
 * update is checked from the remote's previous tip.
 */
export function planPushChecks(refs: readonly PushedRef[]): PushPlan[] {
  return refs.map((ref): PushPlan => {
    if (ZERO.test(ref.localSha)) return { kind: "skip", ref, reason: "branch delete" };
    if (ref.remoteRef.startsWith("refs/tags/")) return { kind: "skip", ref, reason: "tag" };
    if (ZERO.test(ref.remoteSha))
      return { kind: "check", ref, base: { mergeBaseWith: "default-branch" }, head: ref.localSha };
    return { kind: "check", ref, base: { sha: ref.remoteSha }, head: ref.localSha };
  });
}
