import { stringify } from "yaml";
import { UsageError } from "../core/errors.js";
import type { SpecStatus } from "./spec.js";

/**
 * What the interview gathers: a spec before it has an id, a status or a file.
 * `renderSpec` turns it into the canonical markdown.
 */
export interface SpecDraft {
  title: string;
  problem: string;
  /** Who it is for; rendered under the problem. */
  audience?: string;
  /** Criterion texts, in order; they become AC-1, AC-2, ... */
  criteria: string[];
  constraints: string[];
  risks: string[];
  /** Free markdown; a list the user gave is already rendered as `- item` lines. */
  outOfScope: string;
  domains: string[];
  owner: string;
  failureModels: string[];
  /** Open questions; each becomes a `[NEEDS CLARIFICATION: ...]` marker. */
  clarifications: string[];
  /** Questions already answered (e.g. proposed by a model, answered by a person). */
  answered?: Array<{ question: string; answer: string }>;
}

/**
 * The canonical spec file for a draft. Pure, and `parseSpec` reads back what
 * it writes, so a spec written by `jig spec new` always lints the same way it
 * was checked during the interview.
 *
 * @example
 * writeFile(path, renderSpec({ ...draft, id: "SPEC-0007", status: "draft" }));
 */
export function renderSpec(spec: SpecDraft & { id: string; status: SpecStatus }): string {
  const frontmatter = [
    "---",
    `id: ${spec.id}`,
    `title: ${scalar(spec.title)}`,
    `status: ${spec.status}`,
    `domains: ${flowList(spec.domains)}`,
    `owner: ${scalar(spec.owner)}`,
    ...(spec.failureModels.length > 0 ? [`failureModels: ${flowList(spec.failureModels)}`] : []),
    "---",
  ];
  const problem = spec.audience?.trim()
    ? `${spec.problem.trim()}\n\nWho it is for: ${spec.audience.trim()}`
    : spec.problem.trim();
  const parts = [
    frontmatter.join("\n"),
    `# ${spec.id}: ${spec.title}`,
    "## Problem",
    problem,
    "## Acceptance criteria",
    items("AC", spec.criteria),
    "## Constraints",
    items("C", spec.constraints),
    "## Risks",
    items("R", spec.risks),
    "## Out of scope",
    spec.outOfScope.trim() || "None.",
  ];
  const answered = spec.answered ?? [];
  if (spec.clarifications.length > 0 || answered.length > 0) {
    parts.push(
      "## Clarifications",
      [
        ...answered.map(
          ({ question, answer }) => `- Q: ${oneLine(question)} A: ${oneLine(answer)}`,
        ),
        ...spec.clarifications.map(
          (question) => `- [NEEDS CLARIFICATION: ${question.replace(/[[\]]/g, "").trim()}]`,
        ),
      ].join("\n"),
    );
  }
  return `${parts.join("\n\n")}\n`;
}

/**
 * Change only the frontmatter `status:` value, keeping every other byte
 * (comments, key order, line endings), so approving a spec makes a one-line
 * diff.
 */
export function setSpecStatus(text: string, status: SpecStatus): string {
  const frontmatter = /^(\uFEFF?---\r?\n)([\s\S]*?)(\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$))/.exec(
    text,
  );
  if (!frontmatter) throw new UsageError("spec has no frontmatter; cannot set its status");
  const [whole, open = "", body = "", close = ""] = frontmatter;
  // `(?=\r?$)`: in a CRLF file `$` alone never matches before the `\r`.
  const statusLine = /^(status[ \t]*:[ \t]*)(["']?)[A-Za-z-]*\2([ \t]*(?:#[^\r\n]*)?)(?=\r?$)/m;
  const newline = open.endsWith("\r\n") ? "\r\n" : "\n";
  const updated = statusLine.test(body)
    ? body.replace(statusLine, `$1${status}$3`)
    : `${body}${newline}status: ${status}`;
  return `${open}${updated}${close}${text.slice(whole.length)}`;
}

/**
 * The id after the highest existing one, so numbering never reuses a
 * deleted spec's id while another branch may still cite it.
 */
export function nextSpecId(existing: Iterable<string>): string {
  let highest = 0;
  for (const id of existing) {
    const match = /^SPEC-(\d+)$/i.exec(id.trim());
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `SPEC-${String(highest + 1).padStart(4, "0")}`;
}

/** A file-name slug: lower-case ASCII words joined by '-', at most 50 characters. */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= 50) return slug || "spec";
  const cut = slug.slice(0, 50);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > 10 ? cut.slice(0, lastDash) : cut).replace(/-+$/g, "");
}

/**
 * Accept the ways people type an id (`7`, `0007`, `spec-0007`) and return
 * `SPEC-0007`, or undefined when it is not an id at all.
 */
export function normalizeSpecId(input: string): string | undefined {
  const match = /^(?:spec-?)?(\d{1,4})$/i.exec(input.trim());
  return match ? `SPEC-${match[1]?.padStart(4, "0")}` : undefined;
}

function items(prefix: string, texts: readonly string[]): string {
  if (texts.length === 0) return "None.";
  return texts
    .map((text, index) => {
      const lines = text
        .trim()
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== "");
      return `- ${prefix}-${index + 1}: ${lines.join("\n  ")}`;
    })
    .join("\n");
}

function scalar(value: string): string {
  return stringify(value.trim(), { lineWidth: 0 }).trimEnd();
}

function flowList(values: readonly string[]): string {
  const rendered = values.map((value) =>
    /^[A-Za-z0-9][\w./-]*$/.test(value) ? value : JSON.stringify(value),
  );
  return `[${rendered.join(", ")}]`;
}

/** Brackets would read as a clarification marker; newlines would break the list. */
function oneLine(text: string): string {
  return text.replace(/[[\]]/g, "").replace(/\s+/g, " ").trim();
}
