import { z } from "zod";

/** Assertion types a scenario may use. `llm-judge` is the only model-graded one. */
export const ASSERTION_TYPES = [
  "equals",
  "contains",
  "not-contains",
  "regex",
  "json-schema",
  "json-path",
  "javascript",
  "exit-code",
  "status",
  "latency-ms",
  "llm-judge",
] as const;
export type AssertionType = (typeof ASSERTION_TYPES)[number];

const assertionSchema = z
  .strictObject({
    type: z.enum(ASSERTION_TYPES).describe("What to check about the output."),
    value: z
      .unknown()
      .optional()
      .describe(
        "Expected value: text for equals/contains/regex, a JSON Schema for json-schema, an expression for javascript, a number for exit-code/status/latency-ms, a rubric for llm-judge.",
      ),
    path: z
      .string()
      .min(1)
      .optional()
      .describe("json-path only: where to look, e.g. $.refund.decision or $.items[0].id."),
    flags: z.string().optional().describe("regex only: flags such as i or m."),
    model: z
      .string()
      .min(1)
      .optional()
      .describe("llm-judge only: the grading model (must not be the coder's model)."),
    weight: z
      .number()
      .min(0)
      .default(1)
      .describe(
        "Weight in the run's score. 0 makes the assertion informational: it never fails a run.",
      ),
    threshold: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        "Minimum score (0..1) for the assertion to pass. Default 1 (0.5 for llm-judge scores).",
      ),
  })
  .describe("One check of one run's output.");

const commandTarget = z
  .union([z.array(z.string().min(1)).min(1), z.string().min(1)])
  .describe("An argv list (no shell) or a shell string. Input on stdin, vars as JIG_VAR_<NAME>.");

const httpTarget = z
  .strictObject({
    method: z.string().min(1).default("POST").describe("HTTP method."),
    url: z.string().min(1).describe("URL; may use {{var}} placeholders."),
    headers: z.record(z.string(), z.string()).default({}).describe("Request headers (templated)."),
    body: z
      .string()
      .optional()
      .describe("Body template; {{input}} and {{var}} are replaced. Default: the input."),
  })
  .describe("Call an HTTP endpoint; the output is the status and the body.");

const targetSchema = z
  .strictObject({
    command: commandTarget.optional(),
    http: httpTarget.optional(),
    model: z
      .string()
      .min(1)
      .optional()
      .describe("A model id `provider:model`, for prompt-only skills. Needs `prompt`."),
    module: z
      .string()
      .regex(/^[^#]+#[A-Za-z_$][\w$]*$/, "must be path#exportName")
      .optional()
      .describe(
        "`path#exportName` of a JS module, called with the vars; the path is relative to the repository root.",
      ),
    prompt: z.string().min(1).optional().describe("model only: the prompt, a {{var}} template."),
    system: z.string().optional().describe("model only: a system message."),
    temperature: z.number().min(0).max(2).optional().describe("model only: sampling temperature."),
    maxTokens: z.number().int().positive().optional().describe("model only: max output tokens."),
    cwd: z
      .string()
      .optional()
      .describe(
        "command only: working directory, relative to the repo root. Default: the repo root.",
      ),
    rateLimit: z
      .number()
      .positive()
      .optional()
      .describe("At most this many target calls per second, across the whole run."),
    retries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe(
        "http and model only: retries of transient errors (timeouts, 429, 5xx, connection).",
      ),
  })
  .describe("How one scenario is run. Exactly one of command, http, model, module.");

const scenarioSchema = z
  .strictObject({
    id: z.string().min(1).describe("Scenario id, unique in the suite."),
    description: z.string().optional().describe("What the scenario shows."),
    covers: z
      .array(z.string().min(1))
      .default([])
      .describe("Acceptance criteria it verifies, e.g. SPEC-0007/AC-2 (read by jig spec trace)."),
    input: z
      .unknown()
      .optional()
      .describe("The input: text, or any YAML value sent as JSON. Goes on stdin / into {{input}}."),
    vars: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("Named values for templates, JIG_VAR_<NAME> env vars and module arguments."),
    repeat: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("Runs of this scenario (default: the suite's)."),
    cache: z
      .boolean()
      .default(true)
      .describe("false: never answer this scenario from the model cache."),
    assert: z
      .array(assertionSchema)
      .default([])
      .describe("Checks; a run passes when every one passes."),
  })
  .describe("One behavioral scenario.");

/**
 * The eval suite file format (`<evals.dir>/<suite>.yaml`). It is a contract:
 * `schema/eval-suite.schema.json` is generated from it and docs/evals.md
 * describes it.
 */
export const evalSuiteSchema = z
  .strictObject({
    suite: z
      .string()
      .regex(/^[A-Za-z0-9][\w.-]*$/, "letters, digits, '.', '_' and '-' only")
      .describe("The suite id."),
    description: z.string().optional().describe("What the suite verifies."),
    covers: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "Globs of the code or skill files it verifies; `jig eval run --changed` uses them.",
      ),
    target: targetSchema,
    repeat: z.number().int().positive().default(1).describe("Runs per scenario."),
    threshold: z
      .number()
      .min(0)
      .max(1)
      .default(1)
      .describe("Minimum satisfaction for the suite to pass."),
    timeoutMs: z.number().int().positive().default(30_000).describe("Per-run timeout."),
    scenarios: z.array(scenarioSchema).min(1).describe("The scenarios."),
  })
  .describe("A jig holdout eval suite.");

export type EvalSuiteInput = z.input<typeof evalSuiteSchema>;
export type EvalSuiteData = z.output<typeof evalSuiteSchema>;
export type AssertionData = z.output<typeof assertionSchema>;
export type ScenarioData = z.output<typeof scenarioSchema>;
export type TargetData = z.output<typeof targetSchema>;
