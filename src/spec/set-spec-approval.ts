import { UsageError } from "../core/errors.js";
import { setSpecStatus } from "./render-spec.js";
import type { SpecApprovalRecord } from "./spec.js";
import { keyBlocks, specContentHash } from "./spec-content-hash.js";

const FRONTMATTER = /^(\uFEFF?---\r?\n)([\s\S]*?)(\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$))/;
const APPROVAL_KEY = /^["']?approval["']?[ \t]*:/;
const STATUS_KEY = /^["']?status["']?[ \t]*:/;
const PLACEHOLDER = "sha256:pending";

/**
 * Mark a spec approved by `by` at `at`: set its status and write the
 * approval record (who, when, the content hash) right under the status
 * line, replacing any earlier record. Every other byte is kept (comments,
 * key order, line endings), so an approval is a small diff. Pure: the
 * caller reads and writes the file.
 *
 * @example
 * const { text: approved } = setSpecApproval(text, {
 *   by: "Dana Demo <dana@example.com>",
 *   at: "2025-01-01T09:30:00.000Z",
 * });
 */
export function setSpecApproval(
  text: string,
  options: { by: string; at: string; status?: "approved" | "implemented" },
): { text: string; approval: SpecApprovalRecord } {
  const withStatus = setSpecStatus(text, options.status ?? "approved");
  const frontmatter = FRONTMATTER.exec(withStatus);
  if (!frontmatter) throw new UsageError("spec has no frontmatter; cannot record an approval");
  const [whole, open = "", body = "", close = ""] = frontmatter;
  const newline = open.endsWith("\r\n") ? "\r\n" : "\n";
  const lines = body.split(/\r?\n/);
  const dropped = new Set<number>();
  for (const [start, end] of keyBlocks(lines, APPROVAL_KEY)) {
    for (let index = start; index < end; index++) dropped.add(index);
  }
  const kept = lines.filter((_, index) => !dropped.has(index));
  const status = kept.findIndex((line) => STATUS_KEY.test(line));
  const render = (hash: string): string =>
    [
      ...kept.slice(0, status + 1),
      "approval:",
      `  by: ${JSON.stringify(options.by)}`,
      `  at: ${JSON.stringify(options.at)}`,
      `  hash: ${JSON.stringify(hash)}`,
      ...kept.slice(status + 1),
    ].join(newline);
  const rest = withStatus.slice(whole.length);
  // The record is not part of what it hashes, so hashing the text with a
  // placeholder record gives the hash of exactly what is written.
  const hash = specContentHash(`${open}${render(PLACEHOLDER)}${close}${rest}`);
  return {
    text: `${open}${render(hash)}${close}${rest}`,
    approval: { by: options.by, at: options.at, hash },
  };
}
