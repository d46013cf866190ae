import type { Problem } from "../core/index.js";
import type { AstEngine } from "./ast-engine.js";
import { failureModelSchema } from "./catalog-schema.js";
import type { CatalogEntry, CatalogOrigin, FailureModel } from "./failure-model.js";
import { lintCatalog } from "./lint-catalog.js";
import type { RegexSafetyChecker } from "./regex-safety.js";
import { testExamples } from "./test-examples.js";

/** A proposed entry (from `add` flags or an incident miner) and its domain. */
export interface CandidateEntry extends FailureModel {
  domain: string;
}

/** Whether a candidate may be written, and if not, every reason why. */
export interface CandidateVerdict {
  candidate: CandidateEntry;
  accepted: boolean;
  reasons: string[];
}

export interface VetOptions {
  /** Ids already in the catalog; a candidate may not reuse one. */
  existingIds: ReadonlySet<string>;
  checker: RegexSafetyChecker;
  loadAstEngine?: () => AstEngine;
  /** Demand a detector (mined entries must have one). */
  requireDetector?: boolean;
}

/**
 * Validate a candidate the same way the catalog is validated, then run its
 * own examples: it is accepted only if the schema holds, its id is new, its
 * regexes compile and are ReDoS-safe, its ast rule compiles and every bad
 * example fires while no good one does. `jig failures add` and `mine` write
 * only accepted candidates.
 */
export async function vetCandidate(
  candidate: CandidateEntry,
  options: VetOptions,
): Promise<CandidateVerdict> {
  const { domain, ...model } = candidate;
  const reasons: string[] = [];
  const parsed = failureModelSchema.safeParse(model);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      reasons.push(`${issue.path.join(".") || "entry"}: ${issue.message}`);
    return { candidate, accepted: false, reasons };
  }
  if (!/^[a-z][a-z0-9-]*$/.test(domain))
    reasons.push(`domain "${domain}" must be lower-case kebab-case`);
  if (options.existingIds.has(model.id)) reasons.push(`id ${model.id} is already in the catalog`);
  if (options.requireDetector && !model.detect)
    reasons.push("no detector: a mined entry must come with `detect`");
  const origin: CatalogOrigin = "project";
  const entry: CatalogEntry = {
    ...(parsed.data as FailureModel),
    domain,
    origin,
    file: "<candidate>",
    line: 1,
    column: 1,
    locations: {},
  };
  const lint = await lintCatalog([entry], {
    checker: options.checker,
    ...(entry.detect?.ast && options.loadAstEngine ? { astEngine: options.loadAstEngine() } : {}),
  });
  for (const problem of lint.problems) reasons.push(describe(problem));
  const detector = lint.detectors[0];
  if (detector && reasons.length === 0) {
    const mismatches = await testExamples(
      detector,
      options.loadAstEngine ? { loadAstEngine: options.loadAstEngine } : {},
    );
    for (const mismatch of mismatches) reasons.push(mismatch.message);
  }
  return { candidate, accepted: reasons.length === 0, reasons };
}

function describe(problem: Problem): string {
  return `${problem.severity === "warning" ? "warning: " : ""}${problem.message}`;
}

/**
 * Turns an incident write-up (postmortem, PR thread, chat log) into proposed
 * failure models, each with a detector and examples. Implemented over the
 * model layer; tests use a fake. Proposals are vetted before anything is written.
 */
export interface IncidentMiner {
  propose(incidentText: string): Promise<CandidateEntry[]>;
}
