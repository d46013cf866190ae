/**
 * The commented `jig.config.yaml` that `jig init` writes. Every key is shown
 * with its default so users can discover the options without the docs.
 */
export function renderConfigTemplate(schemaReference: string): string {
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

store:
  # SQLite database recording every jig check run.
  path: .jig/jig.db
`;
}
