import { parseYamlSource, UsageError } from "../core/index.js";
import type { Detect, FailureExample } from "./failure-model.js";
import type { CandidateEntry } from "./vet-candidate.js";

/** The fields of a hand-written failure model (`jig failures add`); repeatable ones are arrays. */
export interface CandidateFields {
  id: string;
  title: string;
  severity: string;
  domain: string;
  trigger: string;
  fix: string;
  source: string;
  symptoms: string[];
  appliesTo: string[];
  tags: string[];
  added?: string | undefined;
  removed?: string | undefined;
  absent?: string | undefined;
  fileDeleted?: boolean | undefined;
  /** An ast-grep rule as YAML or JSON text. */
  ast?: string | undefined;
  astLanguage?: string | undefined;
  /** Snippets the detector must match; `before\n=>\nafter` for an edit. */
  bad: string[];
  /** Snippets it must not match. */
  good: string[];
  /** Path given to the examples (default: derived from appliesTo when vetted). */
  examplePath?: string | undefined;
}

/** The fields every candidate needs, in the order a person is asked for them. */
export const REQUIRED_CANDIDATE_FIELDS = [
  "id",
  "title",
  "severity",
  "domain",
  "trigger",
  "fix",
  "source",
] as const;

/**
 * A candidate catalog entry from its fields, unvetted: `vetAndWrite` runs
 * its examples before anything is written. A snippet with a line `=>`
 * between two parts becomes a before/after edit example.
 *
 * @throws UsageError when `ast` is not a YAML/JSON rule object.
 */
export function buildCandidate(fields: CandidateFields): CandidateEntry {
  const toExample = (snippet: string): FailureExample => {
    const split = snippet.split(/\n=>\n/);
    const path = fields.examplePath ? { path: fields.examplePath } : {};
    if (split.length === 2) return { ...path, before: `${split[0]}\n`, after: `${split[1]}\n` };
    if (fields.fileDeleted) return { ...path, deleted: true, before: snippet };
    return fields.examplePath ? { path: fields.examplePath, code: snippet } : snippet;
  };
  const candidate: CandidateEntry = {
    id: fields.id,
    domain: fields.domain,
    title: fields.title,
    severity: fields.severity as CandidateEntry["severity"],
    trigger: fields.trigger,
    symptoms: fields.symptoms,
    fix: fields.fix,
    source: fields.source,
    examples: { bad: fields.bad.map(toExample), good: fields.good.map(toExample) },
  };
  if (fields.appliesTo.length > 0) candidate.appliesTo = fields.appliesTo;
  if (fields.tags.length > 0) candidate.tags = fields.tags;
  const detect = detectFromFields(fields);
  if (Object.keys(detect).length > 0) candidate.detect = detect;
  return candidate;
}

function detectFromFields(fields: CandidateFields): Detect {
  const detect: Detect = {};
  if (fields.added) detect.added = fields.added;
  if (fields.removed) detect.removed = fields.removed;
  if (fields.absent) detect.absent = fields.absent;
  if (fields.fileDeleted) detect.fileDeleted = true;
  if (fields.ast) {
    const { value: rule, problems } = parseYamlSource(fields.ast, "--ast");
    if (problems[0]) {
      throw new UsageError(`--ast is not valid YAML/JSON: ${problems[0].message}`);
    }
    if (!rule || typeof rule !== "object")
      throw new UsageError("--ast must be an ast-grep rule object, e.g. '{kind: catch_clause}'");
    detect.ast = {
      rule: rule as Record<string, unknown>,
      ...(fields.astLanguage ? { language: fields.astLanguage } : {}),
    };
  }
  return detect;
}
