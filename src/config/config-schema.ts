import { z } from "zod";
import { SEVERITIES } from "../core/severity.js";

/** Layers the gate knows, in the order it runs them. */
export const LAYER_NAMES = [
  "spec",
  "scope",
  "holdout",
  "failure-models",
  "review",
  "evals",
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

const severity = z.enum(SEVERITIES);

/**
 * The `jig.config.yaml` schema. It is the single source: the published JSON
 * Schema (`schema/jig.config.schema.json`) is generated from it.
 */
export const configSchema = z
  .strictObject({
    version: z.literal(1).default(1).describe("Config format version. Always 1 for now."),
    defaultBranch: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Branch changes merge into. The default base of `jig check` is the merge-base with it. Detected from origin/HEAD, then main or master, when absent.",
      ),
    specs: z
      .strictObject({
        dir: z
          .string()
          .min(1)
          .default("specs")
          .describe("Folder holding SPEC-NNNN-<slug>.md files."),
        exempt: z
          .array(z.string().min(1))
          .default(["specs/**", "docs/**", "**/*.md", "LICENSE*", ".gitignore"])
          .describe("Globs of files that need no spec. A change touching only these is exempt."),
      })
      .prefault({})
      .describe("Specs before code."),
    failures: z
      .strictObject({
        dir: z
          .string()
          .min(1)
          .default("failure-models")
          .describe("The project's own failure-model catalog: <dir>/<domain>.yaml files."),
        shipped: z
          .boolean()
          .default(true)
          .describe(
            "Use the starter catalog shipped with jig. Project entries with the same id override it.",
          ),
        disable: z
          .array(z.string().min(1))
          .default([])
          .describe("Failure-model ids to turn off, e.g. [FM-SQL-001]."),
      })
      .prefault({})
      .describe("Failure models: how code and agents actually fail, matched against every change."),
    gate: z
      .strictObject({
        failOn: severity
          .default("high")
          .describe("A finding at or above this severity fails the gate."),
        require: z
          .array(z.enum(LAYER_NAMES))
          .default(["spec"])
          .describe("Layers that must run. A required layer that is skipped fails the gate."),
        skip: z
          .array(z.enum(LAYER_NAMES))
          .default([])
          .describe("Layers to skip on purpose. They show as skipped in every report."),
      })
      .prefault({})
      .describe("How the verdict is computed."),
    store: z
      .strictObject({
        path: z
          .string()
          .min(1)
          .default(".jig/jig.db")
          .describe("SQLite run store, relative to the repo root."),
      })
      .prefault({})
      .describe("Where runs are recorded."),
  })
  .describe("jig configuration (jig.config.yaml).");

/** Config as written by the user (every field optional). */
export type JigConfigInput = z.input<typeof configSchema>;
/** Config with defaults applied. */
export type JigConfig = z.output<typeof configSchema>;

/** The defaults, as if `jig.config.yaml` were empty. */
export function defaultConfig(): JigConfig {
  return configSchema.parse({});
}
