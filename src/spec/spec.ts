/** Lifecycle of a spec. Only `approved` and `implemented` specs let a change pass. */
export const SPEC_STATUSES = ["draft", "approved", "implemented", "superseded"] as const;
export type SpecStatus = (typeof SPEC_STATUSES)[number];

/** One numbered item of a spec body: `- AC-1: ...`, `- C-2: ...`, `- R-1: ...`. */
export interface SpecItem {
  /** `AC-1`, `C-2`, `R-3`. */
  id: string;
  text: string;
  /** 1-based line in the spec file. */
  line: number;
}

export interface SpecSection {
  name: string;
  /** 1-based line of the `## Heading`. */
  line: number;
  /** Raw text under the heading, trimmed. */
  body: string;
}

/**
 * Who approved a spec, when, and the `specContentHash` of what they
 * approved, as `jig spec approve` records it in the frontmatter:
 *
 * ```yaml
 * approval:
 *   by: "Dana Demo <dana@example.com>"
 *   at: "2025-01-01T09:30:00.000Z"
 *   hash: "sha256:…"
 * ```
 */
export interface SpecApprovalRecord {
  /** Git identity of the approver, `Name <email>`. */
  by: string;
  /** ISO 8601 timestamp. */
  at: string;
  /** `sha256:<hex>` of the spec's content at approval (see specContentHash). */
  hash: string;
}

/**
 * A parsed spec file (`specs/SPEC-NNNN-<slug>.md`). The contract is
 * documented in `docs/spec-format.md`.
 */
export interface Spec {
  id: string;
  title: string;
  status: SpecStatus;
  domains: string[];
  owner: string;
  failureModels: string[];
  /** Path relative to the repo root, POSIX separators. */
  path: string;
  problem: string;
  criteria: SpecItem[];
  constraints: SpecItem[];
  risks: SpecItem[];
  outOfScope: string;
  clarifications?: string;
  sections: SpecSection[];
  /** `[NEEDS CLARIFICATION: ...]` markers with their lines. */
  clarificationMarkers: Array<{ question: string; line: number }>;
  /**
   * 1-based file line of each frontmatter key (`id`, `status`, ...), so lint
   * can point at the field it complains about. Absent on hand-built specs.
   */
  fieldLines?: Partial<Record<string, number>>;
  /** The approval record, when the frontmatter has one. */
  approval?: SpecApprovalRecord;
  /**
   * specContentHash of the text the spec was parsed from, so lint can tell an
   * approval that no longer matches. Absent on hand-built specs.
   */
  contentHash?: string;
}
