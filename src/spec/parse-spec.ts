import { z } from "zod";
import type { Problem } from "../core/problem.js";
import { parseYamlSource } from "../core/yaml-source.js";
import { zodIssuesToProblems } from "../core/zod-problems.js";
import { SPEC_STATUSES, type Spec, type SpecItem, type SpecSection } from "./spec.js";
import { specContentHash } from "./spec-content-hash.js";

/** `SPEC-0007`: four digits, upper case. */
export const SPEC_ID_PATTERN = /^SPEC-\d{4}$/;

/** Parse codes. A problem with one of these means the file is unparsable (exit 2). */
export const PARSE_CODES = {
  frontmatterMissing: "JIG-S001",
  frontmatterSyntax: "JIG-S002",
  frontmatterInvalid: "JIG-S003",
} as const;

/**
 * The frontmatter contract. Strict: an unknown key is more likely a typo
 * (`failuremodels`) than an extension, and a typo silently ignored would
 * drop data the gate relies on.
 */
export const specFrontmatterSchema = z.strictObject({
  id: z.string().regex(SPEC_ID_PATTERN, { error: "must look like SPEC-0007 (four digits)" }),
  title: z.string().trim().min(1, { error: "must not be empty" }),
  status: z.enum(SPEC_STATUSES),
  domains: z.array(z.string().trim().min(1)),
  owner: z.string().trim().min(1, { error: "must not be empty" }),
  failureModels: z.array(z.string().trim().min(1)).optional(),
  approval: z
    .strictObject({
      by: z.string().trim().min(1, { error: "must not be empty" }),
      at: z.iso.datetime({ offset: true, error: "must be an ISO 8601 timestamp" }),
      hash: z
        .string()
        .regex(/^sha256:[0-9a-f]{64}$/, { error: "must be sha256: and 64 hex digits" }),
    })
    .optional(),
});
export type SpecFrontmatter = z.infer<typeof specFrontmatterSchema>;

/** Canonical section keys, from the heading text (case- and space-insensitive). */
export const SECTION_KEYS = {
  problem: "Problem",
  "acceptance criteria": "Acceptance criteria",
  constraints: "Constraints",
  risks: "Risks",
  "out of scope": "Out of scope",
  clarifications: "Clarifications",
} as const;
export type SectionKey = keyof typeof SECTION_KEYS;

/** Normalise a heading so `## Acceptance Criteria` and `## acceptance  criteria` match. */
export function sectionKey(name: string): SectionKey | undefined {
  const key = name.trim().toLowerCase().replace(/\s+/g, " ");
  // Own keys only: `in` would also accept inherited names such as "constructor".
  return Object.hasOwn(SECTION_KEYS, key) ? (key as SectionKey) : undefined;
}

const MARKER = /\[NEEDS CLARIFICATION:\s*([^\]]*)\]/gi;
const HEADING = /^##\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;
const LIST_ITEM = /^[-*+]\s+(.*)$/;
const ITEM_ID = /^([A-Za-z]+-?\d+)\s*:\s*(.*)$/;

interface BodyLine {
  text: string;
  /** 1-based file line. */
  line: number;
}

/**
 * Parse a spec file. Pure: the caller reads the file. Returns no spec when
 * the frontmatter is missing or invalid, since nothing downstream can trust
 * an id or status it could not read; body problems are lint's job.
 *
 * @example
 * const { spec, problems } = parseSpec(text, "specs/SPEC-0007-login.md");
 */
export function parseSpec(text: string, path: string): { spec?: Spec; problems: Problem[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---") {
    return {
      problems: [
        {
          code: PARSE_CODES.frontmatterMissing,
          path,
          line: 1,
          column: 1,
          message:
            "missing YAML frontmatter: a spec must start with a '---' line (see docs/spec-format.md)",
          severity: "error",
        },
      ],
    };
  }
  const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close < 0) {
    return {
      problems: [
        {
          code: PARSE_CODES.frontmatterMissing,
          path,
          line: 1,
          column: 1,
          message: "frontmatter opened on line 1 is never closed; add a '---' line after it",
          severity: "error",
        },
      ],
    };
  }

  // Frontmatter starts on file line 2, hence the offset of 1.
  const source = parseYamlSource(lines.slice(1, close).join("\n"), path, 1);
  if (source.problems.length > 0) {
    return {
      problems: source.problems.map((problem) => ({
        ...problem,
        code: PARSE_CODES.frontmatterSyntax,
        message: `frontmatter: ${problem.message}`,
        severity: "error",
      })),
    };
  }
  const parsed = specFrontmatterSchema.safeParse(source.value ?? {});
  if (!parsed.success) {
    const present = isRecord(source.value) ? source.value : {};
    const issues = parsed.error.issues.map((issue) => {
      const key = issue.path[0];
      const missing =
        issue.path.length === 1 && typeof key === "string" && !Object.hasOwn(present, key);
      return missing ? { ...issue, message: "missing required field" } : issue;
    });
    return {
      problems: zodIssuesToProblems(issues, source, path, "frontmatter").map((problem) => ({
        ...problem,
        code: PARSE_CODES.frontmatterInvalid,
        // `frontmatter "id": …` reads on; `frontmatter unknown key …` needs the colon.
        message: `frontmatter${problem.message.startsWith('"') ? "" : ":"} ${problem.message}`,
        severity: "error",
      })),
    };
  }
  const frontmatter = parsed.data;
  const fieldLines: Partial<Record<string, number>> = {};
  for (const key of Object.keys(frontmatter)) {
    fieldLines[key] = source.locate([key], { key: true }).line;
  }

  const body: BodyLine[] = lines.slice(close + 1).map((line, index) => ({
    text: line,
    line: close + 2 + index,
  }));
  const { sections, sectionLines, markers } = splitSections(body);
  const first = (key: SectionKey): { section: SpecSection; lines: BodyLine[] } | undefined => {
    const index = sections.findIndex((section) => sectionKey(section.name) === key);
    const section = sections[index];
    const contentLines = sectionLines[index];
    return section && contentLines ? { section, lines: contentLines } : undefined;
  };
  const clarifications = first("clarifications");

  const spec: Spec = {
    id: frontmatter.id,
    title: frontmatter.title,
    status: frontmatter.status,
    domains: frontmatter.domains,
    owner: frontmatter.owner,
    failureModels: frontmatter.failureModels ?? [],
    path,
    problem: first("problem")?.section.body ?? "",
    criteria: parseItems(first("acceptance criteria")?.lines ?? []),
    constraints: parseItems(first("constraints")?.lines ?? []),
    risks: parseItems(first("risks")?.lines ?? []),
    outOfScope: first("out of scope")?.section.body ?? "",
    sections,
    clarificationMarkers: markers,
    fieldLines,
  };
  if (clarifications) spec.clarifications = clarifications.section.body;
  if (frontmatter.approval) spec.approval = { ...frontmatter.approval };
  spec.contentHash = specContentHash(text);
  return { spec, problems: [] };
}

function splitSections(body: BodyLine[]): {
  sections: SpecSection[];
  sectionLines: BodyLine[][];
  markers: Spec["clarificationMarkers"];
} {
  const sections: SpecSection[] = [];
  const sectionLines: BodyLine[][] = [];
  const markers: Spec["clarificationMarkers"] = [];
  let current: BodyLine[] | undefined;
  let inFence = false;
  for (const entry of body) {
    if (FENCE.test(entry.text)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(entry.text);
    if (heading) {
      sections.push({ name: heading[1] ?? "", line: entry.line, body: "" });
      current = [];
      sectionLines.push(current);
      continue;
    }
    if (!inFence) {
      for (const match of entry.text.matchAll(MARKER)) {
        markers.push({ question: (match[1] ?? "").trim(), line: entry.line });
      }
    }
    current?.push(entry);
  }
  sections.forEach((section, index) => {
    section.body = (sectionLines[index] ?? [])
      .map((entry) => entry.text)
      .join("\n")
      .trim();
  });
  return { sections, sectionLines, markers };
}

/**
 * List items of a numbered section. An item continues on following indented
 * lines (blank lines in between allowed); an unindented line ends it. An
 * item without an `ID:` prefix keeps an empty id so lint can name it.
 */
function parseItems(lines: BodyLine[]): SpecItem[] {
  const items: Array<{ line: number; parts: string[] }> = [];
  let open: { line: number; parts: string[] } | undefined;
  let inFence = false;
  for (const entry of lines) {
    if (FENCE.test(entry.text)) {
      inFence = !inFence;
      open = undefined;
      continue;
    }
    if (inFence) continue;
    const item = LIST_ITEM.exec(entry.text);
    if (item) {
      open = { line: entry.line, parts: [item[1] ?? ""] };
      items.push(open);
      continue;
    }
    if (entry.text.trim() === "") continue;
    if (open && /^\s/.test(entry.text)) {
      open.parts.push(entry.text.trim());
      continue;
    }
    open = undefined;
  }
  return items.map(({ line, parts }) => {
    const content = parts.join(" ").trim();
    const withId = ITEM_ID.exec(content);
    return withId
      ? { id: withId[1] ?? "", text: (withId[2] ?? "").trim(), line }
      : { id: "", text: content, line };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
