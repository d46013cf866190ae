import { keyBlocks, specContentHash, splitSpecText } from "./spec-content-hash.js";

// Node built-ins and spec-content-hash only: the guard's hook runs this on
// every tool call, where the spec parser (zod, YAML) is too slow to load.

/** What a plain-text read of a spec's frontmatter says about its approval. */
export interface SpecApprovalState {
  /** `id:` as written, upper-cased. */
  id?: string;
  status?: string;
  /** The `hash:` inside the `approval:` record. */
  recordedHash?: string;
  /** {@link specContentHash} of the text. */
  contentHash: string;
  /** Approved or implemented, with a recorded hash that matches the content. */
  approved: boolean;
}

const ID = /^["']?id["']?[ \t]*:[ \t]*["']?([A-Za-z0-9-]+)/;
const STATUS = /^["']?status["']?[ \t]*:[ \t]*["']?([a-z-]+)/;
const APPROVAL = /^["']?approval["']?[ \t]*:/;
// `hash:` as a key: at the start of a block line, or after `{` or `,` in flow style.
const HASH = /(?:^|[{,])[ \t]*["']?hash["']?[ \t]*:[ \t]*["']?(sha256:[0-9a-f]{64})(?![0-9a-f])/m;

/**
 * Whether a spec file is approved and unchanged since, read with line
 * matches instead of the YAML parser: the guard's hot path. It agrees with
 * `jig spec lint` (`JIG-S016`) on files `jig spec approve` wrote; an
 * approval record in an exotic YAML form it cannot read counts as none.
 *
 * @example
 * verifySpecApproval(text).approved; // false once a criterion is edited after approval
 */
export function verifySpecApproval(text: string): SpecApprovalState {
  const contentHash = specContentHash(text);
  const frontmatter = splitSpecText(text).frontmatter ?? [];
  const first = (pattern: RegExp): string | undefined => {
    for (const line of frontmatter) {
      const match = pattern.exec(line);
      if (match) return match[1];
    }
    return undefined;
  };
  const state: SpecApprovalState = { contentHash, approved: false };
  const id = first(ID)?.toUpperCase();
  if (id !== undefined) state.id = id;
  const status = first(STATUS);
  if (status !== undefined) state.status = status;
  const [block] = keyBlocks(frontmatter, APPROVAL);
  const recordedHash = block
    ? HASH.exec(frontmatter.slice(block[0], block[1]).join("\n"))?.[1]
    : undefined;
  if (recordedHash !== undefined) state.recordedHash = recordedHash;
  state.approved =
    (status === "approved" || status === "implemented") && recordedHash === contentHash;
  return state;
}
