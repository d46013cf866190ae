import { z } from "zod";
import { FAILURE_SEVERITIES } from "./failure-model.js";

/** Failure-model ids: `FM-<AREA>-<NNN>`, stable because findings and stats key on them. */
export const FAILURE_MODEL_ID_PATTERN = /^FM-[A-Z][A-Z0-9]*-\d{3,}$/;

const nonEmpty = z.string().trim().min(1);

const astRuleObject = z.record(z.string(), z.unknown());

const astDetectorSchema = z
  .strictObject({
    language: nonEmpty
      .optional()
      .describe(
        "typescript, tsx, javascript, python, go, java, yaml, sql, bash, html, css. Inferred from the file extension when absent.",
      ),
    rule: astRuleObject.describe(
      "The `rule:` object of ast-grep's YAML rule format (pattern, kind, has, inside, not, all, any, ...).",
    ),
    constraints: z
      .record(z.string(), astRuleObject)
      .optional()
      .describe("ast-grep constraints on metavariables."),
    utils: z
      .record(z.string(), astRuleObject)
      .optional()
      .describe("ast-grep utility rules, referenced with `matches`."),
  })
  .describe(
    "An ast-grep rule run on the post-change file; only matches touching added lines count.",
  );

const detectSchema = z
  .strictObject({
    added: nonEmpty
      .optional()
      .describe("Regex tested against each added line. A leading (?i) makes it case-insensitive."),
    removed: nonEmpty.optional().describe("Regex tested against each removed line."),
    absent: nonEmpty
      .optional()
      .describe(
        "Regex that must appear nowhere in the new content of a changed file matched by appliesTo.",
      ),
    ast: astDetectorSchema.optional(),
    fileDeleted: z
      .literal(true)
      .optional()
      .describe("Fires when a file matched by appliesTo is deleted."),
    unlessAdded: nonEmpty
      .optional()
      .describe(
        "With removed: the removal counts only when no added line of the same file matches this regex (the guard was not moved or rewritten).",
      ),
    skipTestFiles: z
      .literal(true)
      .optional()
      .describe(
        "Test files (*.test.*, *.spec.*, test_*.py, *_test.py, *_test.go, test/, tests/, __tests__/) never match.",
      ),
    unsafeRegex: z
      .union([z.literal(true), z.enum(["exponential", "polynomial"])])
      .optional()
      .describe(
        "Fires on regexes added in code (JS/TS literals and RegExp(...), Python re.*(...), Go regexp2) that risk catastrophic backtracking; true means exponential only, polynomial also reports polynomial backtracking.",
      ),
  })
  .refine((detect) => Object.keys(detect).length > 0, { message: "detect needs at least one key" })
  .refine((detect) => detect.unlessAdded === undefined || detect.removed !== undefined, {
    message: "detect.unlessAdded needs detect.removed",
  })
  .describe("Deterministic detector. Several keys: all must hold in the same file (AND).");

const exampleSchema = z.union([
  z.string().describe("Added lines: a new file holding this text."),
  z
    .strictObject({
      path: nonEmpty
        .optional()
        .describe("Path of the example file; derived from appliesTo when absent."),
      code: z.string().optional().describe("Added lines: a new file holding this text."),
      before: z.string().optional().describe("File content before the change."),
      after: z.string().optional().describe("File content after the change."),
      deleted: z.boolean().optional().describe("The file (with `before` as content) is deleted."),
    })
    .refine(
      (example) =>
        [example.code !== undefined, example.after !== undefined, example.deleted === true].filter(
          Boolean,
        ).length === 1,
      { message: "an example object needs exactly one of code, before/after or deleted: true" },
    ),
]);

/** One failure model. Exported for the JSON Schema and for `jig failures add`. */
export const failureModelSchema = z
  .strictObject({
    id: z
      .string()
      .regex(
        FAILURE_MODEL_ID_PATTERN,
        "ids look like FM-SQL-001 (FM-, an upper-case area, a number)",
      )
      .describe("Stable id, unique across the catalog, e.g. FM-SQL-001."),
    title: nonEmpty.describe("One line naming the failure."),
    severity: z.enum(FAILURE_SEVERITIES),
    appliesTo: z
      .array(nonEmpty)
      .min(1)
      .optional()
      .describe("Path globs the model applies to; every file when absent."),
    trigger: nonEmpty.describe("When this happens."),
    symptoms: z.array(nonEmpty).min(1).describe("What it looks like."),
    fix: nonEmpty.describe("How to fix or avoid it."),
    source: nonEmpty.describe("The incident or class of incident it was mined from."),
    tags: z.array(nonEmpty).optional(),
    detect: detectSchema.optional(),
    examples: z
      .strictObject({
        bad: z.array(exampleSchema).min(1).describe("Snippets the detector must match."),
        good: z.array(exampleSchema).min(1).describe("Snippets the detector must not match."),
      })
      .describe("Unit tests for the detector, run by `jig failures test`."),
  })
  .describe("A failure model: one specific way code or a coding agent goes wrong.");

/**
 * One catalog file, `failure-models/<domain>.yaml`. The published
 * `schema/failure-models.schema.json` is generated from this.
 */
export const failureCatalogFileSchema = z
  .strictObject({
    domain: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, "domains are lower-case kebab-case, e.g. sql or ci-cd")
      .describe("The domain of every entry in this file, e.g. sql, secrets, ci-cd."),
    failures: z.array(failureModelSchema).describe("The failure models of this domain."),
  })
  .describe("A jig failure-model catalog file (failure-models/<domain>.yaml).");

export type FailureCatalogFile = z.output<typeof failureCatalogFileSchema>;
