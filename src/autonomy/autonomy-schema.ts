import { z } from "zod";
import { AUTONOMY_MODES } from "./autonomy-mode.js";

/** The file, at the repository root: a governance input read from the trusted base. */
export const AUTONOMY_FILE = "autonomy.yaml";

const share = z.number().min(0).max(1);
const modelId = z.string().min(1);

const actionKind = z
  .string()
  .regex(/^(?:edit|command|mcp:[^\s]+)$/, "expected edit, command or mcp:<server>");

const classEntry = z.strictObject({
  agent: z
    .string()
    .min(1)
    .describe("The agent, as manifests and Agent: trailers name it; * for any."),
  domain: z
    .string()
    .min(1)
    .describe(
      "A domain from jig.config.yaml's domains; * for calls and files outside every domain.",
    ),
  mode: z.enum(AUTONOMY_MODES),
  actions: z
    .array(actionKind)
    .min(1)
    .optional()
    .describe("Action kinds this entry covers (edit, command, mcp:<server>); all when absent."),
  earnedWith: z
    .strictObject({
      coder: modelId.optional(),
      reviewer: modelId.optional(),
    })
    .optional()
    .describe(
      "The coder and reviewer model ids the evidence for this mode was earned with (written by jig autonomy propose). A check under another model demotes the class one step.",
    ),
  since: z
    .string()
    .optional()
    .describe("When a person granted this mode (ISO date), written by propose."),
});

const promoteRule = z.strictObject({
  agreement: share.describe("Lower bound of the 95% Wilson interval the agreement must reach."),
  decisions: z.number().int().min(1).optional().describe("At least this many decided outcomes."),
  days: z.number().int().min(1).optional().describe("At least this many days of evidence."),
  incidents: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("At most this many incidents in those days."),
});

/** `autonomy.yaml`: the modes a person granted, and the rules that propose and demote them. */
export const autonomySchema = z
  .strictObject({
    version: z.literal(1).default(1),
    sample: share
      .default(0.1)
      .describe("Share of auto-logged calls sampled into the review queue (jig approvals)."),
    outcomeDays: z
      .number()
      .int()
      .min(1)
      .default(14)
      .describe(
        "A gated commit amended or followed by a fix to the same lines within this many days is a disagreement.",
      ),
    windowDays: z
      .number()
      .int()
      .min(1)
      .default(30)
      .describe(
        "The recent window whose agreement is compared with the window that earned a mode.",
      ),
    promote: z
      .strictObject({
        shadow: promoteRule.default({ agreement: 0.9, decisions: 30 }),
        supervised: promoteRule.default({ agreement: 0.95, decisions: 50 }),
        "auto-logged": promoteRule.default({ agreement: 0.99, days: 90, incidents: 0 }),
      })
      .prefault({})
      .describe("Promotion rules, by the mode being left. Decided on the interval's lower bound."),
    demote: z
      .strictObject({
        windowDrop: share
          .default(0.1)
          .describe("Recent agreement this far below the earning window demotes one step."),
      })
      .prefault({})
      .describe("Demotion rules. Incidents and model changes always demote."),
    classes: z.array(classEntry).default([]),
  })
  .describe("Autonomy per agent and domain (autonomy.yaml).");

export type AutonomyFile = z.output<typeof autonomySchema>;
export type AutonomyClass = AutonomyFile["classes"][number];
export type PromoteRule = z.output<typeof promoteRule>;
