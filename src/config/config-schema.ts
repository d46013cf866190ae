import { z } from "zod";
import { EVIDENCE_KINDS } from "../contract/layer-result.js";
import { SEVERITIES } from "../core/severity.js";

/** Layers the gate knows, in the order it runs them. */
export const LAYER_NAMES = [
  "spec",
  "scope",
  "holdout",
  "failure-models",
  "tests",
  "review",
  "evals",
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

const severity = z.enum(SEVERITIES);

/**
 * Providers a model id may name. Defined here, below `models/` (which
 * re-exports it as `MODEL_PROVIDERS`), so a bad id in the config is reported
 * with its line and column.
 */
export const CONFIG_MODEL_PROVIDERS = [
  "anthropic",
  "openai",
  "openai-compatible",
  "ollama",
  "command",
] as const;

const modelId = z
  .string()
  .regex(
    new RegExp(`^(?:${CONFIG_MODEL_PROVIDERS.join("|")}):\\S`),
    `expected provider:model, e.g. anthropic:claude-sonnet-4-5; providers: ${CONFIG_MODEL_PROVIDERS.join(", ")}`,
  );

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
    domains: z
      .record(
        z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]*$/, "a domain name is lowercase letters, digits and dashes"),
        z.array(z.string().min(1)).min(1),
      )
      .default({})
      .describe(
        "Named sets of path globs, e.g. {billing: [src/billing/**], docs: [docs/**]}. Autonomy is earned per agent and domain (autonomy.yaml); failure-model domains reuse these names.",
      ),
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
        criteria: z
          .enum(["evidence", "any"])
          .default("any")
          .describe(
            "evidence: a pass needs every acceptance criterion met by evidence (gate.evidence); an unclear or unchecked one needs a human. any: only an unmet criterion counts. A config written by jig init says evidence; so do the defaults used without a config file.",
          ),
        evidence: z
          .array(z.enum(EVIDENCE_KINDS))
          .min(1)
          .default([...EVIDENCE_KINDS])
          .describe("The kinds of evidence that can meet a criterion: evals, tests, review."),
      })
      .prefault({})
      .describe("How the verdict is computed."),
    evals: z
      .strictObject({
        dir: z
          .string()
          .min(1)
          .default("evals")
          .describe(
            "Holdout eval suites: <dir>/<suite>.yaml, relative to the repo root. May be outside the repo (e.g. ../acme-evals) so the coding agent never checks it out.",
          ),
        concurrency: z
          .number()
          .int()
          .positive()
          .default(8)
          .describe("Scenarios run at once by `jig eval run` and the evals layer (-j overrides)."),
        judgeModel: modelId
          .optional()
          .describe(
            "Default model (provider:model) for llm-judge assertions. Must not be the coder's model.",
          ),
      })
      .prefault({})
      .describe("Holdout behavioral evals: suites the coding agent can neither read nor edit."),
    tests: z
      .strictObject({
        command: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe(
            "The project's test command as argv, run without a shell in the repository root, e.g. [npx, vitest, run, --reporter=junit, --outputFile=.jig/junit.xml]. Without it the tests layer is skipped.",
          ),
        reports: z
          .array(z.string().min(1))
          .default([])
          .describe(
            "Globs of the JUnit XML files the command writes, relative to the repo root, e.g. [.jig/junit.xml]. Only files written during the run count.",
          ),
        timeoutSeconds: z
          .number()
          .positive()
          .default(600)
          .describe("The test command is killed (with its process group) after this many seconds."),
      })
      .prefault({})
      .describe(
        "The project's own tests as a gate layer: failing tests are findings, and tests naming an acceptance criterion (AC-2 in the name, or a // AC-2 comment above) are its evidence.",
      ),
    store: z
      .strictObject({
        path: z
          .string()
          .min(1)
          .default(".jig/jig.db")
          .describe("SQLite run store, relative to the repo root."),
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
          .optional()
          .describe(
            "A team's Postgres store (postgres://user@host:port/db) for runs, findings, tests and model calls instead of the SQLite file. Env JIG_STORE_URL overrides it. The agent guard stays on the local file. See docs/store.md.",
          ),
      })
      .prefault({})
      .describe("Where runs are recorded."),
    models: z
      .strictObject({
        reviewer: modelId
          .optional()
          .describe(
            "Model that reviews changes, as provider:model (anthropic:, openai:, openai-compatible:, ollama:, command:). Env JIG_REVIEW_MODEL overrides it. Without one the review layer is skipped.",
          ),
        coder: modelId
          .optional()
          .describe(
            "Model (or command:<cli>) that writes the code. Env JIG_CODER_MODEL overrides it. The reviewer must differ from it.",
          ),
        timeoutMs: z
          .number()
          .int()
          .positive()
          .default(120000)
          .describe("Per-call timeout in milliseconds."),
        maxRetries: z
          .number()
          .int()
          .min(0)
          .max(10)
          .default(3)
          .describe(
            "Retries after a 429, 5xx, timeout, malformed response or connection error, with jittered backoff honouring retry-after.",
          ),
        prices: z
          .record(
            z.string(),
            z.strictObject({
              input: z.number().min(0).describe("USD per million input tokens."),
              output: z.number().min(0).describe("USD per million output tokens."),
            }),
          )
          .default({})
          .describe(
            "Prices per model id (provider:model), merged over jig's built-in table. Used for cost per call and --max-cost.",
          ),
        cassette: z
          .string()
          .min(1)
          .optional()
          .describe(
            "Record/replay file (JSONL) for every model call; env JIG_CASSETTE overrides it.",
          ),
        cassetteMode: z
          .enum(["record", "replay"])
          .default("record")
          .describe(
            "record appends each call to the cassette; replay answers from it and never calls a model. Env JIG_CASSETTE_MODE overrides it.",
          ),
        cacheDir: z
          .string()
          .min(1)
          .default(".jig/cache")
          .describe("Content-addressed cache of model answers, relative to the repo root."),
      })
      .prefault({})
      .describe("Which models play which role, and how they are called."),
    providers: z
      .strictObject({
        anthropic: z
          .strictObject({ baseURL: z.url().optional().describe("API base URL.") })
          .prefault({})
          .describe("anthropic: models; key from ANTHROPIC_API_KEY."),
        openai: z
          .strictObject({ baseURL: z.url().optional().describe("API base URL.") })
          .prefault({})
          .describe("openai: models; key from OPENAI_API_KEY."),
        "openai-compatible": z
          .strictObject({
            baseURL: z
              .url()
              .optional()
              .describe("Base URL (…/v1). Env JIG_OPENAI_COMPATIBLE_BASE_URL overrides it."),
          })
          .prefault({})
          .describe("openai-compatible: models; key from JIG_OPENAI_COMPATIBLE_API_KEY."),
        ollama: z
          .strictObject({
            baseURL: z.url().default("http://127.0.0.1:11434").describe("Ollama server."),
          })
          .prefault({})
          .describe("ollama: models, through Ollama's OpenAI-compatible API."),
      })
      .prefault({})
      .describe("Where each model provider is reached."),
    review: z
      .strictObject({
        requireDifferentProvider: z
          .boolean()
          .default(false)
          .describe(
            "Require the reviewer to come from a different provider than the coder, not just a different model.",
          ),
        minConfidence: z
          .number()
          .min(0)
          .max(1)
          .default(0.5)
          .describe("Review findings below this confidence are dropped."),
        maxPromptTokens: z
          .number()
          .int()
          .positive()
          .default(60000)
          .describe(
            "Token budget of one review prompt. Larger changes are split into file groups reviewed separately.",
          ),
        maxCostUsd: z
          .number()
          .positive()
          .optional()
          .describe(
            "Stop before a review would spend more than this (USD). --max-cost overrides it.",
          ),
        instructions: z
          .array(z.string().min(1))
          .default(["AGENTS.md", "CLAUDE.md"])
          .describe("Project instruction files given to the reviewer when present."),
        injectionAllow: z
          .array(z.string().min(1))
          .default([])
          .describe(
            "Globs of files allowed to contain text addressed to an AI reviewer (injection test corpora, security docs); the JIG-R001 detector skips them.",
          ),
      })
      .prefault({})
      .describe("The independent AI reviewer (gate layer review, jig review)."),
    loop: z
      .strictObject({
        maxIterations: z
          .number()
          .int()
          .min(1)
          .max(50)
          .default(5)
          .describe("Rounds of gate → coder before jig loop escalates to a human."),
        coder: z
          .string()
          .min(1)
          .optional()
          .describe("Shell command of the coding agent, used when jig loop gets no --coder."),
      })
      .prefault({})
      .describe("The fix loop (jig loop)."),
    agents: z
      .strictObject({
        dir: z
          .string()
          .min(1)
          .default("agents")
          .describe("Folder of agent manifests (<name>.yaml) and raw Cedar policies (*.cedar)."),
        requireSpec: z
          .boolean()
          .default(true)
          .describe(
            "Deny Edit, Write and MultiEdit outside specs.exempt while no spec approved on the branch's base (see docs/spec-format.md) is active for the branch.",
          ),
        approvalTtlMinutes: z
          .number()
          .int()
          .min(1)
          .default(1440)
          .describe("Minutes a pending approval request, or a granted approval, stays valid."),
      })
      .prefault({})
      .describe("Agent boundaries: manifests, the guard, approvals and the audit log."),
    governance: z
      .strictObject({
        paths: z
          .array(z.string().min(1))
          .default([])
          .describe(
            "Extra globs of files that govern the gate, beyond jig's own (jig.config.yaml, agents, failure models, evals, specs, .claude/settings.json, CODEOWNERS), e.g. .github/workflows/**. A change touching one needs a human; an agent touching one fails.",
          ),
        agentIdentities: z
          .array(z.string().min(1))
          .default([])
          .describe(
            "Commit authors or committers that are coding agents: a name, an email, or 'Name <email>'. Their commits touching governance fail the gate. jig already knows Agent: trailers and the co-author trailers coding agents add.",
          ),
      })
      .prefault({})
      .describe(
        "Governance inputs: what decides a verdict, read from the trusted base, never the change.",
      ),
  })
  .describe("jig configuration (jig.config.yaml).");

/** Config as written by the user (every field optional). */
export type JigConfigInput = z.input<typeof configSchema>;
/** Config with defaults applied. */
export type JigConfig = z.output<typeof configSchema>;

/** The defaults, as if `jig.config.yaml` were empty. */
/**
 * The rules used when there is no `jig.config.yaml`. They hold criteria to
 * evidence, as `jig init` does; only a config written before `gate.criteria`
 * existed keeps the older `any` by leaving the key out.
 */
export function defaultConfig(): JigConfig {
  return configSchema.parse({ gate: { criteria: "evidence" } });
}
