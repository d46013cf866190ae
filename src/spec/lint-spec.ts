import { RULES } from "../contract/rule-registry.js";
import type { Problem } from "../core/problem.js";
import { findVagueWords, outcomeVerdict } from "./criterion-checks.js";
import { PARSE_CODES, SECTION_KEYS, type SectionKey, sectionKey } from "./parse-spec.js";
import type { Spec, SpecItem } from "./spec.js";

/**
 * Every spec rule code, in one place, so the rule registry (docs/rules.md,
 * SARIF rule metadata, `jig rules`) and `jig failures stats` can rely on them
 * never moving.
 */
export const SPEC_RULES = {
  ...PARSE_CODES,
  missingSection: "JIG-S004",
  emptySection: "JIG-S005",
  illFormedId: "JIG-S006",
  duplicateId: "JIG-S007",
  numberingGap: "JIG-S008",
  fileName: "JIG-S009",
  noObservableOutcome: "JIG-S010",
  vagueWord: "JIG-S011",
  clarificationLeft: "JIG-S012",
  unknownFailureModel: "JIG-S013",
  duplicateSection: "JIG-S014",
  duplicateSpecId: "JIG-S015",
  approvalInvalid: "JIG-S016",
  unreadable: "JIG-S000",
} as const;

/**
 * Short descriptions of each spec rule, by id. The titles live in the rule
 * registry with every other JIG rule; this view stays for library callers.
 */
export const SPEC_RULE_DESCRIPTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  RULES.filter((rule) => rule.id.startsWith("JIG-S")).map((rule) => [rule.id, rule.title]),
);

const REQUIRED_SECTIONS: SectionKey[] = [
  "problem",
  "acceptance criteria",
  "constraints",
  "risks",
  "out of scope",
];

const NUMBERED: Array<{
  key: SectionKey;
  field: "criteria" | "constraints" | "risks";
  prefix: string;
}> = [
  { key: "acceptance criteria", field: "criteria", prefix: "AC" },
  { key: "constraints", field: "constraints", prefix: "C" },
  { key: "risks", field: "risks", prefix: "R" },
];

const FILE_NAME = /^(SPEC-\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;
const FAILURE_MODEL_ID = /\bFM-[A-Z][A-Z0-9]*-\d{3,}\b/g;

/** Failure-model ids (`FM-SQL-001`) cited in free text, in order, without duplicates. */
export function citedFailureModels(text: string): string[] {
  return [...new Set(text.match(FAILURE_MODEL_ID) ?? [])];
}

/** Options for {@link lintSpec}. */
export interface LintSpecOptions {
  /** The failure-model catalog's ids. Without it, failure-model ids are not checked. */
  knownFailureModels?: ReadonlySet<string>;
}

/**
 * Deterministic rules over a parsed spec. Pure and order-stable, so the same
 * spec always yields the same problems in the same order. Errors block
 * `jig spec approve` and the gate; warnings are printed but never fail.
 *
 * @example
 * const problems = lintSpec(spec, { knownFailureModels: new Set(["FM-SQL-001"]) });
 */
export function lintSpec(spec: Spec, options: LintSpecOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const report = (
    code: string,
    severity: "error" | "warning",
    line: number,
    message: string,
    column?: number,
  ): void => {
    const problem: Problem = { code, path: spec.path, message, line, severity };
    if (column !== undefined) problem.column = column;
    problems.push(problem);
  };

  lintFileName(spec, report);
  const { present } = lintSections(spec, report);
  for (const { key, field, prefix } of NUMBERED) {
    if (present.has(key))
      lintIds(spec[field], prefix, SECTION_KEYS[key], sectionLine(spec, key), report);
  }
  for (const criterion of spec.criteria) {
    const label = criterion.id || "criterion";
    const outcome = outcomeVerdict(criterion.text);
    if (outcome === "missing") {
      report(
        SPEC_RULES.noObservableOutcome,
        "error",
        criterion.line,
        `${label} has no observable outcome; say what a test would see (e.g. "then the API responds 429", "shows the error 'Wrong password'")`,
      );
    } else if (outcome === "uncertain") {
      // Only a hint: the outcome clause may well be checkable in words lint does not know.
      report(
        SPEC_RULES.noObservableOutcome,
        "warning",
        criterion.line,
        `${label} may have no observable outcome; if a test cannot check it as written, name the value, message or state it would see (e.g. "then the fee is 0 cents")`,
      );
    }
    for (const vague of findVagueWords(criterion.text)) {
      report(
        SPEC_RULES.vagueWord,
        "error",
        criterion.line,
        `${label} says "${vague.word}", which cannot be tested: ${vague.followUp}`,
      );
    }
  }
  if (spec.status === "approved" || spec.status === "implemented") {
    lintApproval(spec, report);
    for (const marker of spec.clarificationMarkers) {
      report(
        SPEC_RULES.clarificationLeft,
        "error",
        marker.line,
        `${spec.status} spec still has [NEEDS CLARIFICATION: ${marker.question}]; answer it in the spec and remove the marker`,
      );
    }
  }
  if (options.knownFailureModels) lintFailureModels(spec, options.knownFailureModels, report);
  return problems;
}

/**
 * Rules across several specs: two files claiming one id would make every
 * citation ambiguous.
 */
export function lintSpecCollection(specs: readonly Spec[]): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, Spec[]>();
  for (const spec of specs) byId.set(spec.id, [...(byId.get(spec.id) ?? []), spec]);
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    for (const spec of group) {
      const others = group.filter((other) => other !== spec).map((other) => other.path);
      problems.push({
        code: SPEC_RULES.duplicateSpecId,
        path: spec.path,
        line: spec.fieldLines?.id ?? 2,
        message: `${id} is also used by ${others.join(", ")}; give one of them the next free id (jig spec new numbers for you)`,
        severity: "error",
      });
    }
  }
  return problems;
}

/** Whether any problem is an error (warnings never fail a lint). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity !== "warning");
}

type Report = (
  code: string,
  severity: "error" | "warning",
  line: number,
  message: string,
  column?: number,
) => void;

function lintFileName(spec: Spec, report: Report): void {
  const base = spec.path.split(/[\\/]/).pop() ?? spec.path;
  const line = spec.fieldLines?.id ?? 2;
  const match = FILE_NAME.exec(base);
  if (!match) {
    report(
      SPEC_RULES.fileName,
      "error",
      line,
      `file name "${base}" should be ${spec.id}-<slug>.md (lower-case words joined by '-')`,
    );
  } else if (match[1] !== spec.id) {
    report(
      SPEC_RULES.fileName,
      "error",
      line,
      `id ${spec.id} does not match the file name "${base}"; rename the file or fix the id`,
    );
  }
}

function lintSections(spec: Spec, report: Report): { present: Set<SectionKey> } {
  const present = new Set<SectionKey>();
  for (const section of spec.sections) {
    const key = sectionKey(section.name);
    if (!key) continue;
    if (present.has(key)) {
      report(
        SPEC_RULES.duplicateSection,
        "warning",
        section.line,
        `"## ${section.name}" appears twice; only the first is read, so merge them`,
        1,
      );
    }
    present.add(key);
  }
  for (const key of REQUIRED_SECTIONS) {
    if (!present.has(key)) {
      report(
        SPEC_RULES.missingSection,
        "error",
        1,
        `missing section "## ${SECTION_KEYS[key]}"; add it (write "None." when there is nothing to say)`,
      );
    }
  }
  if (present.has("problem") && spec.problem.trim() === "") {
    report(
      SPEC_RULES.emptySection,
      "error",
      sectionLine(spec, "problem"),
      `"## Problem" is empty; say what is wrong today and for whom`,
      1,
    );
  }
  if (present.has("acceptance criteria") && spec.criteria.length === 0) {
    report(
      SPEC_RULES.emptySection,
      "error",
      sectionLine(spec, "acceptance criteria"),
      `"## Acceptance criteria" has no items; add "- AC-1: Given ..., when ..., then ..."`,
      1,
    );
  }
  for (const key of ["constraints", "risks", "out of scope"] as const) {
    const section = spec.sections.find((candidate) => sectionKey(candidate.name) === key);
    if (section && section.body.trim() === "") {
      report(
        SPEC_RULES.emptySection,
        "warning",
        section.line,
        `"## ${SECTION_KEYS[key]}" is empty; write "None." if there is nothing to say`,
        1,
      );
    }
  }
  return { present };
}

function lintIds(
  items: readonly SpecItem[],
  prefix: string,
  sectionName: string,
  headingLine: number,
  report: Report,
): void {
  const wellFormed = new RegExp(`^${prefix}-([1-9]\\d*)$`);
  const seen = new Map<string, number>();
  const numbers: number[] = [];
  for (const item of items) {
    if (item.id === "") {
      report(
        SPEC_RULES.illFormedId,
        "error",
        item.line,
        `item in "${sectionName}" has no id; write it as "- ${prefix}-N: ..."`,
        3,
      );
      continue;
    }
    const match = wellFormed.exec(item.id);
    if (!match) {
      report(
        SPEC_RULES.illFormedId,
        "error",
        item.line,
        `ill-formed id "${item.id}" in "${sectionName}"; ids there are ${prefix}-1, ${prefix}-2, ...`,
        3,
      );
      continue;
    }
    const first = seen.get(item.id);
    if (first !== undefined) {
      report(
        SPEC_RULES.duplicateId,
        "error",
        item.line,
        `${item.id} is used twice (first on line ${first}); renumber one of them`,
        3,
      );
      continue;
    }
    seen.set(item.id, item.line);
    numbers.push(Number(match[1]));
  }
  if (numbers.length === 0) return;
  const max = Math.max(...numbers);
  const missing: string[] = [];
  for (let number = 1; number <= max; number++) {
    if (!numbers.includes(number)) missing.push(`${prefix}-${number}`);
  }
  if (missing.length > 0) {
    report(
      SPEC_RULES.numberingGap,
      "warning",
      headingLine,
      `"${sectionName}" skips ${missing.join(", ")}; number items ${prefix}-1, ${prefix}-2, ... without gaps`,
      1,
    );
  }
}

/**
 * An approved or implemented spec must carry the record `jig spec approve`
 * writes, and still hash to what was approved: a status typed by hand (by a
 * person or an agent) or an edit after approval is not an approval.
 */
function lintApproval(spec: Spec, report: Report): void {
  const fix = `re-approve with \`jig spec approve ${spec.id}\``;
  const { approval } = spec;
  if (!approval) {
    report(
      SPEC_RULES.approvalInvalid,
      "error",
      spec.fieldLines?.status ?? 2,
      `${spec.id} is ${spec.status} but has no approval record (who, when, content hash); ${fix}`,
    );
    return;
  }
  // Hand-built specs carry no content hash; only a spec read from text can be checked.
  if (spec.contentHash !== undefined && approval.hash !== spec.contentHash) {
    report(
      SPEC_RULES.approvalInvalid,
      "error",
      spec.fieldLines?.approval ?? spec.fieldLines?.status ?? 2,
      `${spec.id} changed after ${approval.by} approved it at ${approval.at} (its content no longer matches the approval hash); ${fix}`,
    );
  }
}

function lintFailureModels(spec: Spec, known: ReadonlySet<string>, report: Report): void {
  for (const id of spec.failureModels) {
    if (!known.has(id)) {
      report(
        SPEC_RULES.unknownFailureModel,
        "error",
        spec.fieldLines?.failureModels ?? 2,
        `unknown failure model ${id} in failureModels; check it against the failure-model catalog`,
      );
    }
  }
  for (const risk of spec.risks) {
    for (const id of citedFailureModels(risk.text)) {
      if (!known.has(id)) {
        report(
          SPEC_RULES.unknownFailureModel,
          "error",
          risk.line,
          `${risk.id || "risk"} cites unknown failure model ${id}; check it against the failure-model catalog`,
        );
      }
    }
  }
}

function sectionLine(spec: Spec, key: SectionKey): number {
  return spec.sections.find((section) => sectionKey(section.name) === key)?.line ?? 1;
}
