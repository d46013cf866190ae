import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { UsageError } from "../core/errors.js";

/** Project kinds `jig eval init` writes a starter for. */
export type StarterLanguage = "node" | "python" | "go" | "shell";

/** Which starter fits the project, from the files at its root. */
export function detectLanguage(root: string): StarterLanguage {
  if (existsSync(join(root, "package.json"))) return "node";
  if (existsSync(join(root, "pyproject.toml")) || existsSync(join(root, "requirements.txt")))
    return "python";
  if (existsSync(join(root, "go.mod"))) return "go";
  return "shell";
}

/**
 * The starter's target echoes its input, so the suite runs green before the
 * user points it at their program; the comment beside it says what to write
 * there instead. Argv lists, not shell strings, where the language allows.
 */
const TARGETS: Record<StarterLanguage, { command: string; yours: string }> = {
  node: {
    command: `["node", "-e", "process.stdin.pipe(process.stdout)"]`,
    yours: `["node", "src/cli.js"]`,
  },
  python: {
    command: `["python3", "-c", "import sys; sys.stdout.write(sys.stdin.read())"]`,
    yours: `["python3", "-m", "myservice"]`,
  },
  go: { command: `["cat"]`, yours: `["go", "run", "./cmd/myservice"]` },
  shell: { command: `["cat"]`, yours: `["./bin/myservice", "--flag"]` },
};

/** The commented starter suite. Pure: the text only. */
export function renderStarterSuite(name: string, language: StarterLanguage): string {
  const target = TARGETS[language];
  return `# A jig holdout eval suite (${language} starter), written by 'jig eval init'.
# Format reference: docs/evals.md, or run 'jig eval run' on an empty suite.
# Suites are holdouts: the coding agent must neither read nor edit them.
# Seal them with 'jig eval seal' (a person, not the agent) once they say what you mean.
suite: ${name}
description: Starter scenarios; replace them with the behaviour your users rely on.
# Globs of the code this suite verifies: 'jig eval run --changed' and the gate use them.
covers: ["**"]
target:
  # The program under test: an argv list (no shell), input on stdin, each var
  # as the env var JIG_VAR_<NAME>; its output is stdout and the exit code.
  # This one echoes its input. Point it at your program, e.g. ${target.yours}
  command: ${target.command}
repeat: 1          # runs per scenario; raise it for non-deterministic targets
threshold: 1       # share of runs that must pass (0..1)
timeoutMs: 30000   # per run
scenarios:
  # Text out: the output contains a string.
  - id: says-hello
    input: "hello from jig"
    assert:
      - { type: contains, value: "hello" }
  # JSON out: a non-string input is sent as JSON; json-path reads the output.
  - id: answers-json
    input: { status: ok, items: [1, 2] }
    assert:
      - { type: json-path, path: "$.status", value: ok }
      - { type: json-path, path: "$.items[1]", value: 2 }
  # Exit code and errors: the run exits 0 and prints no error.
  - id: exits-cleanly
    input: "ping"
    assert:
      - { type: exit-code, value: 0 }
      - { type: not-contains, value: "Error" }
      - { type: regex, value: "^ping$", flags: m }
`;
}

/**
 * Write `<evalsDir>/<name>.yaml`. Refuses to overwrite: a suite may be sealed,
 * and replacing it silently would break the seal with nothing to show why.
 */
export async function writeStarterSuite(options: {
  evalsDir: string;
  name: string;
  language: StarterLanguage;
  /** The path as shown to the user. */
  shown: string;
}): Promise<void> {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(options.name)) {
    throw new UsageError(
      `suite name '${options.name}' must be letters, digits, '.', '_' and '-' (starting with a letter or digit)`,
    );
  }
  const path = join(options.evalsDir, `${options.name}.yaml`);
  if (existsSync(path)) {
    throw new UsageError(
      `${options.shown} already exists; jig eval init never overwrites a suite. Pick another name: jig eval init NAME`,
    );
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderStarterSuite(options.name, options.language), { flag: "wx" });
}

/**
 * The suite format in brief, printed by `jig eval run` when a suite has no
 * scenarios: someone who wrote an empty suite is asking what goes in it.
 * docs/evals.md has the full reference.
 */
export const SUITE_FORMAT_REFERENCE = `A suite has at least one scenario. The format (full reference: docs/evals.md; a starter: jig eval init):

  suite: refunds                     # id: letters, digits, . _ -
  covers: ["src/refunds/**"]         # globs of the code it verifies
  target: { command: ["node", "run.js"] }   # or http: {url, ...}, model: + prompt:, module: path#export
  repeat: 1                          # runs per scenario
  threshold: 1                       # minimum satisfaction 0..1
  scenarios:
    - id: small-refund
      covers: [SPEC-0007/AC-1]       # acceptance criteria it verifies
      input: "text on stdin"         # or any YAML value, sent as JSON
      vars: { cents: 1200 }          # env JIG_VAR_CENTS, {{cents}} in templates
      assert:
        - { type: contains, value: "approved" }
        - { type: json-path, path: "$.decision", value: approved }

Assertion types: equals, contains, not-contains, regex, json-schema, json-path, javascript, exit-code, status, latency-ms, llm-judge.
`;

/** Whether validation problems say a suite has no scenarios (empty file, missing or empty list). */
export function isEmptySuiteProblem(problem: { message: string }): boolean {
  return problem.message.startsWith('"scenarios":');
}
