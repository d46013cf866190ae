/** One change the sandboxed command made, read from the overlay's upper layer. Paths are repo-relative with `/`. */
export type OverlayChange =
  /** A regular file created or modified; `source` is its copy in the upper layer. */
  | { kind: "write"; path: string; source: string; mode: number }
  | { kind: "symlink"; path: string; target: string }
  /** A file or symlink of the real tree that is gone in the sandbox's view. */
  | { kind: "delete"; path: string }
  /** A folder of the real tree that is gone; removed only once empty. */
  | { kind: "rmdir"; path: string }
  /** Anything else (fifo, socket, device): never applied. */
  | { kind: "special"; path: string };

/** Why a change was not applied to the real tree. */
export type DiscardCode =
  | "nested-git"
  | "protected"
  | "escalate"
  | "out-of-scope"
  | "symlink"
  | "special";

export interface DiscardedChange {
  change: OverlayChange;
  code: DiscardCode;
  message: string;
}
