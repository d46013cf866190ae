import { z } from "zod";
import { GLOB_TOO_LONG, MAX_GLOB_CHARS } from "../core/index.js";

const toolPattern = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9_*.-]+$/, "a tool name or pattern uses letters, digits, _ - . and *")
  .describe("A tool name or a pattern with * wildcards, e.g. Read or mcp__github__*.");
// Bounded: picomatch throws on a glob over 65,536 characters, long after lint passed it.
const glob = z
  .string()
  .min(1)
  .max(MAX_GLOB_CHARS, GLOB_TOO_LONG)
  .describe("A repo-relative glob, e.g. src/** or tests/**/*.ts.");
const argvPrefix = z
  .array(z.string().min(1))
  .min(1)
  .describe('An argv prefix matched on whole arguments, e.g. ["npm", "test"].');
const exampleCall = z
  .strictObject({
    tool: z.string().min(1).describe("Tool name as the agent sends it, e.g. Bash."),
    input: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("The tool input, e.g. {command: 'npm test'}."),
    note: z.string().optional().describe("Why this example matters."),
  })
  .describe("A concrete tool call.");

/**
 * The `agents/<name>.yaml` contract: what one agent may touch and when a
 * human must decide. The published JSON Schema (`schema/agent.schema.json`)
 * is generated from this, so the file format and the validator cannot drift.
 */
export const agentManifestSchema = z
  .strictObject({
    name: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{0,62}$/,
        "use lowercase letters, digits and -, starting with a letter",
      )
      .describe(
        "The agent's identity, used in policies, trailers (Agent: NAME) and the audit log.",
      ),
    role: z.string().min(1).describe("One line: what the agent is for."),
    description: z.string().default("").describe("Longer description for humans."),
    model: z
      .string()
      .optional()
      .describe("Model the agent runs on, e.g. anthropic:claude-sonnet-4-5."),
    values: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "Ordered value hierarchy, most important first, e.g. [safety, correctness, speed].",
      ),
    permissions: z
      .strictObject({
        tools: z
          .strictObject({
            allow: z.array(toolPattern).default([]).describe("Tools the agent may use."),
            deny: z
              .array(toolPattern)
              .default([])
              .describe("Tools never allowed, matched case-insensitively; deny wins over allow."),
          })
          .prefault({})
          .describe("Tool names or patterns, including MCP tools as mcp__<server>__<tool>."),
        files: z
          .strictObject({
            read: z.array(glob).default([]).describe("Globs the agent may read. Default: none."),
            write: z
              .array(glob)
              .default([])
              .describe("Globs the agent may create, edit or delete. Default: none."),
          })
          .prefault({})
          .describe("Repo-relative globs; ** also covers the repo root itself."),
        commands: z
          .array(argvPrefix)
          .default([])
          .describe(
            "Allowed argv prefixes. Wrappers (env, xargs, sudo...) must be listed themselves.",
          ),
        network: z
          .array(z.string().min(1))
          .default([])
          .describe("Hosts the agent may reach, e.g. api.github.com or *.example.com."),
        env: z
          .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name"))
          .default([])
          .describe(
            "Environment variables jig run passes into the sandbox besides PATH, LANG, LC_ALL and TERM, e.g. NPM_TOKEN. Default: none.",
          ),
      })
      .prefault({})
      .describe("What the agent may touch. Anything not listed is denied."),
    holdout: z
      .enum(["none", "read"])
      .default("none")
      .describe(
        "Whether the agent may read the holdout eval suites and their seal (evals.dir): read, for an evaluator agent. Without it they are denied whatever files.read says; no agent may ever write them.",
      ),
    authority: z
      .array(
        z.strictObject({
          tool: toolPattern,
          when: z
            .string()
            .min(1)
            .describe(
              "A Cedar condition over the tool's input, e.g. 'amount > 500' (bare names are input fields).",
            ),
          // biome-ignore lint/suspicious/noThenProperty: the manifest contract names this key `then`; it is data, never awaited.
          then: z.enum(["deny", "escalate"]).describe("deny, or escalate to a human approval."),
          reason: z.string().optional().describe("Shown to the agent and the approver."),
        }),
      )
      .default([])
      .describe("Limits on tool arguments."),
    escalate: z
      .array(
        z
          .strictObject({
            files: z.array(glob).optional().describe("Writing any of these files needs a human."),
            commands: z
              .array(argvPrefix)
              .optional()
              .describe("Running any of these needs a human."),
            tools: z.array(toolPattern).optional().describe("Calling any of these needs a human."),
            deletes: z
              .number()
              .int()
              .min(0)
              .optional()
              .describe("Deleting more than this many files in one command needs a human."),
            reason: z.string().optional().describe("Shown to the agent and the approver."),
          })
          .refine(
            (entry) =>
              entry.files !== undefined ||
              entry.commands !== undefined ||
              entry.tools !== undefined ||
              entry.deletes !== undefined,
            "an escalation trigger needs files, commands, tools or deletes",
          ),
      )
      .default([])
      .describe("Triggers that need a human whatever the permissions say."),
    messages: z
      .array(
        z.strictObject({
          to: z.array(z.string().min(1)).min(1).describe("Agent names, or * for any agent."),
          types: z.array(z.string().min(1)).min(1).describe("Message types, or * for any type."),
        }),
      )
      .default([])
      .describe("Which message types this agent may send to which agents on the bus."),
    examples: z
      .strictObject({
        allow: z.array(exampleCall).default([]).describe("Calls that must be allowed."),
        deny: z.array(exampleCall).default([]).describe("Calls that must be denied."),
        ask: z.array(exampleCall).default([]).describe("Calls that must escalate to a human."),
      })
      .prefault({})
      .describe("Unit tests of the manifest, run by jig policy test."),
  })
  .describe("A jig agent manifest (agents/<name>.yaml).");

/** A manifest with defaults applied. */
export type AgentManifest = z.output<typeof agentManifestSchema>;
/** A manifest as written by the user. */
export type AgentManifestInput = z.input<typeof agentManifestSchema>;
