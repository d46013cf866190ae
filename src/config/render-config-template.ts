import type { TestCommandProposal } from "./detect-test-command.js";

/**
 * The commented `jig.config.yaml` that `jig init` writes. Every key is shown
 * with its default so users can discover the options without the docs.
 * `tests` is what init found of the project's test runner.
 */
export function renderConfigTemplate(schemaReference: string, tests?: TestCommandProposal): string {
  return `# yaml-language-server: $schema=${schemaReference}
# jig configuration. Every key is optional; the values below are the defaults.
# Reference: the Configuration section of jig's README.
version: 1

# Branch changes merge into. jig check compares against the merge-base with it.
# Detected from origin/HEAD, then main or master, when left out.
# defaultBranch: main

specs:
  # Where SPEC-NNNN-<slug>.md files live.
  dir: specs
  # Files that need no spec. A change touching only these is exempt.
  exempt: ["specs/**", "docs/**", "**/*.md", "LICENSE*", ".gitignore"]

failures:
  # The project's own failure models: <dir>/<domain>.yaml. Same id overrides a shipped entry.
  dir: failure-models
  # Use the starter catalog shipped with jig.
  shipped: true
  # Failure-model ids to turn off.
  disable: []

gate:
  # A finding at or above this severity fails the gate: critical | high | medium | low | info
  failOn: high
  # Layers that must run. A required layer that is skipped fails the gate.
  require: [spec]
  # Layers to skip on purpose. They still show as skipped in every report.
  skip: []
  # evidence: a pass needs every acceptance criterion met by evals, tests or the
  # reviewer; an unclear or unchecked one needs a human. any: only unmet ones count.
  criteria: evidence
  # The kinds of evidence that can meet a criterion.
  evidence: [evals, tests, review]

evals:
  # Holdout eval suites: <dir>/<suite>.yaml. May be outside the repo, e.g. ../acme-evals.
  dir: evals
  # Scenarios run at once (jig eval run -j overrides).
  concurrency: 8
  # Default model for llm-judge assertions; never the coder's model.
  # judgeModel: openai:gpt-4o-mini

${renderTests(tests)}
store:
  # SQLite database recording every jig check run.
  path: .jig/jig.db

models:
  # Model ids are provider:model: anthropic:, openai:, openai-compatible:, ollama:, command:<cli>.
  # Without a reviewer the review layer is skipped. Env JIG_REVIEW_MODEL / JIG_CODER_MODEL override.
  # reviewer: anthropic:claude-sonnet-4-5
  # coder: command:claude -p --output-format json
  # Per-call timeout (ms) and retries on 429, 5xx, timeouts and connection errors.
  timeoutMs: 120000
  maxRetries: 3
  # Prices in USD per million tokens, merged over jig's built-in table.
  prices: {}
  # Record/replay every model call (env JIG_CASSETTE, JIG_CASSETTE_MODE override).
  # cassette: .jig/cassette.jsonl
  cassetteMode: record
  # Content-addressed cache of model answers.
  cacheDir: .jig/cache

providers:
  anthropic: {}
  openai: {}
  # baseURL, or env JIG_OPENAI_COMPATIBLE_BASE_URL; key from JIG_OPENAI_COMPATIBLE_API_KEY.
  openai-compatible: {}
  ollama:
    baseURL: http://127.0.0.1:11434

review:
  # Also require a different provider than the coder, not just a different model.
  requireDifferentProvider: false
  # Review findings below this confidence are dropped.
  minConfidence: 0.5
  # Token budget of one review prompt; larger changes are split into file groups.
  maxPromptTokens: 60000
  # Stop before a review spends more than this many USD (--max-cost overrides).
  # maxCostUsd: 1
  # Project instructions given to the reviewer when present.
  instructions: [AGENTS.md, CLAUDE.md]
  # Files allowed to contain text addressed to an AI reviewer (the JIG-R001 detector skips them).
  injectionAllow: []

loop:
  # Rounds of gate -> coder before jig loop escalates to a human (exit 3).
  maxIterations: 5
  # Coding agent command used when jig loop gets no --coder.
  # coder: claude -p

agents:
  # Agent manifests (<name>.yaml) and raw Cedar policies (*.cedar).
  dir: agents
  # Deny Edit/Write/MultiEdit outside specs.exempt until an approved spec is active.
  requireSpec: true
  # Minutes a pending approval request, or a granted approval, stays valid.
  approvalTtlMinutes: 1440

governance:
  # Extra files that govern the gate, read from the trusted base like jig's own
  # (this config, agents/, failure models, evals, specs, .claude/settings.json,
  # jig.waivers.yaml, CODEOWNERS). A change touching one needs a human; an agent's fails.
  paths: []
  # Commit authors or committers that are coding agents (name, email or "Name <email>"),
  # beyond Agent: trailers and the co-author trailers coding agents add.
  agentIdentities: []
`;
}

const flow = (items: readonly string[]) =>
  `[${items.map((item) => JSON.stringify(item)).join(", ")}]`;

function renderTests(tests: TestCommandProposal | undefined): string {
  const head = `tests:
  # The project's test command as argv (no shell), with a JUnit reporter, and the
  # JUnit files it writes. Failing tests fail the gate; a test naming AC-2 (or a
  # // AC-2 comment above it) is evidence for that criterion of the cited spec.`;
  const tail = `  # Killed with its process group after this many seconds.
  timeoutSeconds: 600
`;
  if (!tests) {
    return `${head}
  # No test runner found. For example:
  # command: [npx, vitest, run, --reporter=junit, --outputFile=.jig/junit.xml]
  # reports: [.jig/junit.xml]
${tail}`;
  }
  const mark = tests.commented ? "# " : "";
  return `${head}
  # Found: ${tests.found}.${tests.note ? `\n  # ${tests.note}.` : ""}
  ${mark}command: ${flow(tests.command)}
  ${mark}reports: ${flow(tests.reports)}
${tail}`;
}
