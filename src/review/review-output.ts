import { z } from "zod";
import { SEVERITIES } from "../core/severity.js";

/**
 * What the reviewer model must return, through structured output. This is a
 * published contract (`schema/findings.schema.json`): the model contributes
 * findings and criterion judgements, never a verdict.
 */
export const reviewFindingSchema = z.object({
  severity: z.enum(SEVERITIES).describe("How bad the defect is."),
  confidence: z
    .number()
    .min(0)
    .max(1)
    .describe("0..1: how sure the reviewer is this is a real defect."),
  file: z.string().min(1).describe("Repo-relative path of a changed file."),
  line: z
    .number()
    .int()
    .min(1)
    .describe("Line in the new version of the file, as numbered in the diff."),
  endLine: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Last line of the problem, when it spans lines."),
  ruleId: z
    .string()
    .min(1)
    .describe("A failure-model id (FM-SQL-001), a criterion (SPEC-0007/AC-2), or `general`."),
  title: z.string().min(1).describe("One line naming the defect."),
  message: z.string().min(1).describe("What is wrong and why it matters."),
  suggestion: z.string().optional().describe("How to fix it."),
});

export const reviewCriterionSchema = z.object({
  id: z.string().min(1).describe("Acceptance criterion id, e.g. AC-1 (or SPEC-0007/AC-1)."),
  status: z.enum(["met", "not_met", "unclear"]).describe("Whether the change meets the criterion."),
  evidence: z.string().describe("The lines or reasoning the judgement rests on."),
});

export const reviewOutputSchema = z
  .object({
    findings: z.array(reviewFindingSchema).describe("Defects in the change. Empty when none."),
    criteria: z
      .array(reviewCriterionSchema)
      .describe("One judgement per acceptance criterion of the spec. Empty when there is no spec."),
  })
  .describe("jig review output (findings.schema.json).");

export type ReviewFinding = z.infer<typeof reviewFindingSchema>;
export type ReviewCriterion = z.infer<typeof reviewCriterionSchema>;
export type ReviewOutput = z.infer<typeof reviewOutputSchema>;
