import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../core/errors.js";

const AGENT_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * A commented starter manifest: a coder that may edit src/ and tests/ and
 * run the tests, with one escalation and one example per decision so
 * `jig policy test` has something to check from the first minute. Pure.
 */
export function renderStarterManifest(name: string): string {
  return `# An agent manifest, written by 'jig agents new'. Reference: docs/agents.md.
# What is not allowed here is denied; a path outside files.write is denied
# before any escalate rule is considered (deny wins, then escalate, then allow).
# Check it with 'jig policy lint' and 'jig policy test'; enforce it in Claude
# Code with 'jig agents install claude --agent ${name}'.
name: ${name}                        # must match the file name; used in trailers (Agent: ${name})
role: Implements approved specs in src/ and tests/
values: [safety, correctness, speed]   # ordered, most important first
permissions:
  tools:
    allow: [Read, Write, Edit, MultiEdit, Glob, Grep, Bash]
    deny: [WebSearch]                  # deny wins over allow
  files:                               # repo-relative globs; default: nothing
    read: ["**"]
    write: ["src/**", "tests/**"]      # write implies read
  commands:                            # argv prefixes for Bash, matched on whole arguments
    - [npm, test]
    - [git, status]
    - [git, diff]
  network: []                          # hosts for WebFetch
escalate:                              # a person decides these, among what is allowed above
  - files: ["src/migrations/**"]       # writing these
  - deletes: 3                         # rm of more than 3 files
examples:                              # unit tests of this manifest: jig policy test
  allow: [{ tool: Bash, input: { command: npm test } }]
  deny: [{ tool: Write, input: { file_path: infra/main.tf, content: x } }]
  ask: [{ tool: Write, input: { file_path: src/migrations/001.sql, content: x } }]
`;
}

/**
 * Write `<agentsDir>/<name>.yaml`, refusing to overwrite: a manifest is a
 * governance file a person wrote, and replacing it would widen or narrow an
 * agent's rights with nothing to show why.
 */
export async function writeStarterManifest(options: {
  agentsDir: string;
  name: string;
  /** The path as shown to the user. */
  shown: string;
}): Promise<void> {
  if (!AGENT_NAME.test(options.name)) {
    throw new UsageError(
      `agent name '${options.name}' must be lowercase letters, digits and -, starting with a letter`,
    );
  }
  const path = join(options.agentsDir, `${options.name}.yaml`);
  if (existsSync(path) || existsSync(join(options.agentsDir, `${options.name}.yml`))) {
    throw new UsageError(
      `${options.shown} already exists; jig agents new never overwrites a manifest. Edit it, or pick another name`,
    );
  }
  await mkdir(options.agentsDir, { recursive: true });
  await writeFile(path, renderStarterManifest(options.name), { flag: "wx" });
}
