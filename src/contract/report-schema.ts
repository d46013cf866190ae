import { z } from "zod";
import { SEVERITIES } from "../core/severity.js";
import { EVIDENCE_KINDS } from "./layer-result.js";
import { DECISION_KINDS, REPORT_SCHEMA } from "./report.js";

/**
 * `jig.report/v1` as a zod schema: the single definition that
 * `schema/report.schema.json` is generated from. The TypeScript interfaces in
 * `report.ts` and `layer-result.ts` are checked against it at compile time
 * (`report-schema.test.ts`), so the two cannot drift.
 */
const severity = z.enum(SEVERITIES);
const layerStatus = z.enum(["passed", "failed", "skipped", "error"]);

export const usageSchema = z
  .object({
    calls: z.number().int().nonnegative(),
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    costUsd: z.number().nonnegative(),
  })
  .describe("Tokens and money spent by a model-backed layer");

export const findingSchema = z
  .object({
    id: z.string().describe("Unique within one report, e.g. `spec-1`"),
    layer: z.string(),
    ruleId: z.string().describe("Stable across runs: `JIG-G001`, `FM-SQL-001`, `SPEC-0007/AC-2`"),
    severity,
    file: z.string().optional().describe("Repo-relative POSIX path"),
    line: z.number().int().positive().optional(),
    endLine: z.number().int().positive().optional(),
    title: z.string(),
    message: z.string(),
    suggestion: z.string().optional(),
    confidence: z.number().min(0).max(1).optional(),
    needsHuman: z.boolean().optional(),
    fingerprint: z
      .string()
      .optional()
      .describe(
        "Stable across runs and unrelated edits (rule, path, matched text; not the line): what `jig waive` takes",
      ),
    waiver: z
      .object({
        reason: z.string(),
        owner: z.string().optional(),
        expires: z.string().describe("YYYY-MM-DD, the last day the waiver applies"),
        by: z.string().optional().describe("Where the waiver was read: `jig.waivers.yaml@1a2b3c4`"),
        expired: z
          .boolean()
          .optional()
          .describe("Past its date: the finding counts toward the verdict again"),
      })
      .strict()
      .optional()
      .describe(
        "A person's waiver from jig.waivers.yaml; while in date the finding does not count",
      ),
  })
  .strict();

export const decisionSchema = z
  .object({
    kind: z.enum(DECISION_KINDS),
    summary: z.string().describe("One line: what to decide"),
    location: z
      .string()
      .optional()
      .describe("Where to look: `src/x.ts:12`, a spec criterion, an approval id"),
  })
  .strict();

export const criterionResultSchema = z
  .object({
    id: z.string().describe("`SPEC-0007/AC-2`"),
    specId: z.string(),
    criterion: z.string(),
    text: z.string(),
    status: z.enum(["met", "not_met", "unclear", "unchecked"]),
    evidence: z.string().optional(),
    layer: z.string().optional().describe("Which layer's judgement decided the status"),
    sources: z
      .array(
        z
          .object({
            kind: z.string().describe("evals, tests, review, or a plug-in layer's name"),
            status: z.enum(["met", "not_met", "unclear"]),
            detail: z.string(),
            layer: z.string().optional(),
          })
          .strict(),
      )
      .optional()
      .describe("Every source that judged the criterion: evals, tests, the reviewer"),
  })
  .strict();

/**
 * What a layer hands the gate (`LayerResult`): findings before the gate gives
 * them an `id` and `layer`, a reason when skipped, a message when in error.
 * Not part of `jig.report/v1`; the `Layer` conformance suite checks results
 * against it.
 */
export const layerResultSchema = z
  .object({
    status: layerStatus,
    findings: z.array(findingSchema.omit({ id: true, layer: true })),
    notes: z.array(z.string()),
    skipReason: z.string().optional(),
    error: z.string().optional(),
    errorCode: z.string().optional(),
    criteria: z.array(criterionResultSchema).optional(),
    usage: usageSchema.optional(),
    needsHuman: z.array(z.string()).optional(),
  })
  .strict()
  .superRefine((result, context) => {
    if (result.status === "skipped" && !result.skipReason?.trim()) {
      context.addIssue({
        code: "custom",
        path: ["skipReason"],
        message: "a skipped layer must say why, and how to make it run",
      });
    }
    if (result.status === "error" && !result.error?.trim()) {
      context.addIssue({
        code: "custom",
        path: ["error"],
        message: "a layer in error must say what went wrong",
      });
    }
  });

export const layerReportSchema = z
  .object({
    name: z.string(),
    status: layerStatus,
    skipReason: z.string().optional(),
    error: z.string().optional(),
    errorCode: z
      .string()
      .optional()
      .describe("Stable code of the error, e.g. models/budget when --max-cost stopped the layer"),
    durationMs: z.number().nonnegative(),
    findings: z.number().int().nonnegative(),
    notes: z.array(z.string()),
    usage: usageSchema.optional(),
    needsHuman: z.array(z.string()).optional(),
  })
  .strict();

export const mergeSchema = z
  .object({
    decision: z
      .enum(["auto", "human"])
      .describe(
        "auto: a CI job may merge without a person (PASS, and every touched domain full-auto)",
      ),
    reason: z.string().describe("Why, in one line"),
    agents: z.array(z.string()).describe("The agents the change's commits are attributed to"),
    domains: z.array(
      z
        .object({
          agent: z.string(),
          domain: z.string(),
          mode: z.enum(["blocked", "shadow", "supervised", "auto-logged", "full-auto"]),
          source: z.string().describe("The autonomy.yaml entry, the default, or the demotion"),
        })
        .strict(),
    ),
  })
  .strict()
  .describe("Who may merge the change, from autonomy.yaml at the trusted base");

export const reportSchema = z
  .object({
    schema: z.literal(REPORT_SCHEMA),
    run: z
      .object({
        id: z.string(),
        startedAt: z.string(),
        finishedAt: z.string(),
        durationMs: z.number().nonnegative(),
        jigVersion: z.string(),
      })
      .strict(),
    range: z
      .object({
        base: z.string(),
        head: z.string(),
        baseRef: z.string(),
        headRef: z.string(),
        workingTree: z.boolean(),
        description: z.string(),
      })
      .strict(),
    change: z
      .object({
        files: z.number().int().nonnegative(),
        additions: z.number().int().nonnegative(),
        deletions: z.number().int().nonnegative(),
        commits: z.number().int().nonnegative(),
        paths: z.array(z.string()),
      })
      .strict(),
    spec: z
      .object({ id: z.string(), title: z.string(), status: z.string(), path: z.string() })
      .strict()
      .optional(),
    governance: z
      .object({
        source: z.enum(["base", "working-tree"]),
        revision: z.string().optional(),
        config: z.string().optional(),
        bootstrap: z.boolean(),
        files: z.array(z.object({ path: z.string(), kind: z.string() }).strict()),
      })
      .strict()
      .optional(),
    policy: z
      .object({
        failOn: severity,
        require: z.array(z.string()),
        criteria: z.enum(["evidence", "any"]).optional(),
        evidence: z.array(z.enum(EVIDENCE_KINDS)).optional(),
      })
      .strict(),
    decisions: z
      .array(decisionSchema)
      .optional()
      .describe("What a person must decide when the verdict is needs-human"),
    layers: z.array(layerReportSchema),
    findings: z.array(findingSchema),
    criteria: z.array(criterionResultSchema),
    verdict: z
      .object({ outcome: z.enum(["pass", "fail", "needs-human"]), reasons: z.array(z.string()) })
      .strict(),
    merge: mergeSchema.optional(),
  })
  .strict()
  .describe("The versioned result of one jig check");
