// Bad input never exits 4: seeded mutations of every kind of file jig reads
// (config, spec, catalog, suite, manifest, .cedar, diff, hook event, autonomy.yaml, answers),
// each run through the command that reads it, in process. A run passes when it
// exits 0–3, prints no stack trace and finishes within 10 s. The seed is fixed,
// so a failure reproduces; JIG_FUZZ_SEED and JIG_FUZZ_RUNS explore further.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { APPROVED_SPEC } from "../test-support/approved-spec.js";
import { HOSTILE_YAML } from "../test-support/hostile-yaml.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import type { CliContext } from "./cli-context.js";
import { COMMANDS } from "./registry.js";
import { runCommand } from "./run-command.js";

const SEED = Number(process.env.JIG_FUZZ_SEED ?? 20261205);
const RUNS = Number(process.env.JIG_FUZZ_RUNS ?? 200);
const RUN_LIMIT_MS = 10_000;

const CONFIG = `# jig configuration
specs:
  dir: specs
gate:
  failOn: high
domains:
  billing: ["src/billing/**"]
  docs: ["docs/**"]
# Only the custom catalog: the shipped one (100+ entries) cost catalog and
# diff runs most of their time and is validated by its own tests.
failures:
  shipped: false
`;

const CATALOG = `domain: custom
failures:
  - id: FM-CUSTOM-001
    title: Refund cap compared with >=
    severity: high
    appliesTo: ["**/*.js"]
    trigger: The automatic refund cap is compared with >= instead of >.
    symptoms:
      - refunds at exactly the cap are escalated
    fix: Compare with > so the cap itself is paid automatically.
    source: A refund incident.
    tags: [billing]
    detect:
      added: 'amountCents\\s*>=\\s*AUTO_REFUND_CAP'
    examples:
      bad:
        - path: src/refunds.js
          code: "if (request.amountCents >= AUTO_REFUND_CAP_CENTS) {"
      good:
        - path: src/refunds.js
          code: "if (request.amountCents > AUTO_REFUND_CAP_CENTS) {"
`;

const SUITE = `suite: refunds
description: Refund decisions (SPEC-0001)
covers: ["src/refunds.js"]
target: { command: ["echo", '{"decision": "approved", "cap": 1}'] }
scenarios:
  - id: small-refund
    covers: [SPEC-0001/AC-1]
    vars: { cents: 1200 }
    assert: [{ type: json-path, path: "$.decision", value: approved }]
  - id: mentions-cap
    covers: [SPEC-0001/AC-2]
    input: { note: "cap" }
    assert:
      - { type: contains, value: cap }
      - { type: regex, value: "decision" }
`;

const MANIFEST = `name: coder
role: Implements approved specs in src/ and tests/
model: anthropic:claude-sonnet-4-5
values: [safety, correctness, speed]
permissions:
  tools:
    allow: [Read, Write, Edit, Bash, "mcp__billing__*"]
    deny: [WebSearch]
  files:
    read: ["**"]
    write: ["src/**", "tests/**"]
  commands:
    - [npm, test]
    - [git, status]
  network: [registry.npmjs.org]
authority:
  - tool: mcp__billing__refund
    when: amount > 50000
    then: escalate
    reason: refunds above 500.00 need a human
escalate:
  - files: ["infra/**"]
    reason: infrastructure changes need a human
  - deletes: 3
`;

const CEDAR = `// Nobody writes the lock file by hand.
forbid (principal, action == Action::"write", resource)
when { resource == Path::"package-lock.json" };
`;

const DIFF = `diff --git a/src/refunds.js b/src/refunds.js
index 1111111..2222222 100644
--- a/src/refunds.js
+++ b/src/refunds.js
@@ -1,4 +1,5 @@
 const AUTO_REFUND_CAP_CENTS = 50_000;
 export function decideRefund(request) {
-  if (request.amountCents > AUTO_REFUND_CAP_CENTS) return "escalated";
+  const amount = parseFloat(request.amount);
+  if (request.amountCents >= AUTO_REFUND_CAP_CENTS) return "escalated";
   return "approved";
`;

const HOOK_EVENT = JSON.stringify({
  session_id: "fuzz",
  hook_event_name: "PreToolUse",
  tool_name: "Write",
  tool_input: { file_path: "src/refunds.js", content: "export const x = 1;\n" },
});

const ANSWERS = `title: Login throttling
problem: Attackers can guess passwords without limit.
audience: Account holders and the security team
criteria:
  - Given a user, when they submit a wrong password 5 times within 10 minutes, then the API responds 429.
constraints:
  - Uses the existing sessions table.
risks:
  - Locking out real users.
outOfScope: Captchas
domains: [auth]
owner: security
`;

const AUTONOMY = `# Modes a person granted, per agent and domain.
classes:
  - { agent: coder, domain: docs, mode: full-auto }
  - { agent: coder, domain: billing, mode: auto-logged, actions: [edit] }
  - { agent: "*", domain: billing, mode: shadow }
promote:
  supervised: { agreement: 0.95, decisions: 50 }
sample: 0.1
`;

/** One kind of input: where it lives, a valid seed, and the command that reads it. */
interface InputKind {
  name: string;
  path: string;
  seed: string;
  argv: string[];
  format: "yaml" | "json" | "text";
  /** The file is the command's stdin rather than a file in the repository. */
  stdin?: boolean;
}

const KINDS: InputKind[] = [
  { name: "config", path: "jig.config.yaml", seed: CONFIG, argv: ["spec", "lint"], format: "yaml" },
  {
    name: "spec",
    path: "specs/SPEC-0001-cap-refunds.md",
    seed: APPROVED_SPEC,
    argv: ["spec", "trace", "SPEC-0001"],
    format: "text",
  },
  {
    name: "catalog",
    path: "failure-models/custom.yaml",
    seed: CATALOG,
    argv: ["failures", "lint"],
    format: "yaml",
  },
  { name: "suite", path: "evals/refunds.yaml", seed: SUITE, argv: ["eval", "run"], format: "yaml" },
  {
    name: "manifest",
    path: "agents/coder.yaml",
    seed: MANIFEST,
    argv: ["policy", "lint"],
    format: "yaml",
  },
  {
    name: "cedar",
    path: "agents/lock.cedar",
    seed: CEDAR,
    argv: ["policy", "lint"],
    format: "text",
  },
  {
    name: "diff",
    path: "change.diff",
    seed: DIFF,
    argv: ["failures", "check", "--diff", "change.diff"],
    format: "text",
  },
  {
    name: "hook event",
    path: "hook.json",
    seed: HOOK_EVENT,
    argv: ["guard", "claude-hook", "--agent", "coder"],
    format: "json",
    stdin: true,
  },
  {
    name: "autonomy",
    path: "autonomy.yaml",
    seed: AUTONOMY,
    argv: ["autonomy", "status"],
    format: "yaml",
  },
  {
    name: "answers",
    path: "answers.yaml",
    seed: ANSWERS,
    argv: ["spec", "new", "--answers", "answers.yaml", "--non-interactive"],
    format: "yaml",
  },
];

// Text that has broken parsers before: YAML aliases and tags, a self-referencing
// anchor, an alias bomb, deep nesting, a glob past picomatch's length limit,
// control, bidi and zero-width characters.
const NASTY = [
  "*undefined_alias",
  "&a [1, 2]",
  "<<: *a",
  "input: &x {k: *x}",
  "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "!!js/function 'function () {}'",
  "!!binary aGVsbG8=",
  "? [complex, key]\n: value",
  "%YAML 1.1\n---",
  "---\n...",
  "{",
  "[",
  "}]",
  ": :",
  "- - - -",
  "\t",
  '"unterminated',
  "'",
  "|",
  ">-",
  "\u0000",
  "\u202e\u200b\ufeff",
  "type: no-such-assertion",
  "severity: catastrophic",
  "then: maybe",
  "status: approved",
  `${"[".repeat(3000)}${"]".repeat(3000)}`,
  `${"{a: ".repeat(2000)}1${"}".repeat(2000)}`,
  `${"- ".repeat(2000)}x`,
  Array.from({ length: 2000 }, () => "- x").join("\n"),
  `"${"*".repeat(70_000)}"`,
  `${"(".repeat(3000)}true${")".repeat(3000)}`,
  "Spec: SPEC-9999",
  "@@ -1,3 +1,4 @@",
  "diff --git a/x b/x",
  "+++ b/\u0000",
  "-1",
  "1e309",
  "null",
  "[]",
  "{}",
  '{"tool_name": 7}',
  "../../../../etc/passwd",
  "~/.ssh/id_rsa",
  ...HOSTILE_YAML.map((entry) => entry.text),
  "x".repeat(100_000),
  "9".repeat(400),
  "-999999999999999999999",
  "NaN",
  ".nan",
  "-.inf",
  "0x7fffffff",
  "1_000",
  "~",
  "yes",
];

// The same text, as bytes a user's editor or a broken pipe might produce.
interface Envelope {
  bom: boolean;
  crlf: boolean;
  /** Where to splice bytes that are not UTF-8, or undefined. */
  badBytesAt: number | undefined;
}

/** What stands at the input's path: the file, or something that is not one. */
type Shape = "file" | "empty" | "directory" | "symlink-loop" | "dangling-symlink";

type Mutation =
  | { op: "delete-line" | "duplicate-line" | "truncate"; at: number }
  | { op: "indent"; at: number; by: number }
  | { op: "insert"; at: number; text: string }
  | { op: "replace-char"; at: number; char: string }
  | { op: "set-value"; at: number; value: unknown }
  | { op: "delete-key"; at: number }
  | { op: "swap-values"; at: number; with: number }
  | { op: "duplicate-key"; at: number };

const textArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constantFrom("delete-line", "duplicate-line", "truncate"),
    at: fc.nat(),
  }) as fc.Arbitrary<Mutation>,
  fc.record({
    op: fc.constant("indent" as const),
    at: fc.nat(),
    by: fc.integer({ min: -4, max: 6 }),
  }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: textArb }),
  fc.record({
    op: fc.constant("replace-char" as const),
    at: fc.nat(),
    char: fc.string({ minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    op: fc.constant("set-value" as const),
    at: fc.nat(),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), textArb),
  }),
  fc.record({ op: fc.constant("delete-key" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("swap-values" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant("duplicate-key" as const), at: fc.nat() }),
);

const envelopeArb: fc.Arbitrary<Envelope> = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  badBytesAt: fc.option(fc.nat(), { freq: 6 }),
});

const shapeArb: fc.Arbitrary<Shape> = fc.oneof(
  { weight: 40, arbitrary: fc.constant("file" as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("empty", "directory", "symlink-loop", "dangling-symlink"),
  },
);

function encode(text: string, envelope: Envelope): Buffer {
  const body = Buffer.from(envelope.crlf ? text.replace(/\r?\n/g, "\r\n") : text, "utf8");
  const bom = envelope.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
  if (envelope.badBytesAt === undefined) return Buffer.concat([bom, body]);
  const at = envelope.badBytesAt % (body.length + 1);
  const bad = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80]);
  return Buffer.concat([bom, body.subarray(0, at), bad, body.subarray(at)]);
}

function mutate(kind: InputKind, mutations: Mutation[]): string {
  let text = kind.seed;
  for (const mutation of mutations) text = applyMutation(kind, text, mutation);
  return text;
}

function applyMutation(kind: InputKind, text: string, mutation: Mutation): string {
  const lines = text.split("\n");
  const line = mutation.at % Math.max(lines.length, 1);
  switch (mutation.op) {
    case "delete-line":
      lines.splice(line, 1);
      return lines.join("\n");
    case "duplicate-line":
      lines.splice(line, 0, lines[line] ?? "");
      return lines.join("\n");
    case "truncate":
      return text.slice(0, mutation.at % (text.length + 1));
    case "indent": {
      const current = lines[line] ?? "";
      lines[line] =
        mutation.by >= 0
          ? " ".repeat(mutation.by) + current
          : current.replace(new RegExp(`^ {0,${-mutation.by}}`), "");
      return lines.join("\n");
    }
    case "insert": {
      const at = line;
      const current = lines[at] ?? "";
      const column = mutation.at % (current.length + 1);
      lines[at] = current.slice(0, column) + mutation.text + current.slice(column);
      return lines.join("\n");
    }
    case "replace-char": {
      const at = mutation.at % Math.max(text.length, 1);
      return text.slice(0, at) + mutation.char + text.slice(at + 1);
    }
    case "duplicate-key": {
      // The same key twice in one mapping: YAML says invalid, JSON says last wins.
      const keyed = lines
        .map((each, index) => [each, index] as const)
        .filter(([each]) => /^\s*[\w"-]+\s*:/.test(each));
      const [copy, index] = keyed[mutation.at % Math.max(keyed.length, 1)] ?? ["", 0];
      lines.splice(index + 1, 0, copy);
      return lines.join("\n");
    }
    case "set-value":
    case "delete-key":
    case "swap-values":
      return mutateStructure(kind, text, mutation);
  }
}

/** Change the parsed value itself, so the schema, not the parser, meets the damage. */
function mutateStructure(kind: InputKind, text: string, mutation: Mutation): string {
  if (kind.format === "text") return text;
  let value: unknown;
  try {
    value = kind.format === "json" ? JSON.parse(text) : parseYaml(text);
  } catch {
    return text;
  }
  const slots = collectSlots(value);
  if (slots.length === 0) return text;
  const [parent, key] = slots[mutation.at % slots.length] as [
    Record<string | number, unknown>,
    string | number,
  ];
  if (mutation.op === "delete-key") {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (mutation.op === "set-value") {
    parent[key] = mutation.value;
  } else if (mutation.op === "swap-values") {
    // A valid value in the wrong place: a list where a string belongs, a number where a map does.
    const [other, otherKey] = slots[mutation.with % slots.length] as [
      Record<string | number, unknown>,
      string | number,
    ];
    const held = parent[key];
    parent[key] = structuredClone(other[otherKey]);
    other[otherKey] = structuredClone(held);
  }
  return kind.format === "json" ? JSON.stringify(value) : stringifyYaml(value);
}

function collectSlots(
  value: unknown,
  slots: Array<[object, string | number]> = [],
): Array<[object, string | number]> {
  if (value === null || typeof value !== "object") return slots;
  for (const key of Object.keys(value)) {
    const slotKey = Array.isArray(value) ? Number(key) : key;
    slots.push([value, slotKey]);
    collectSlots((value as Record<string, unknown>)[key], slots);
  }
  return slots;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

async function runJig(
  cwd: string,
  argv: string[],
  stdin: string | Buffer = "",
): Promise<RunResult> {
  const [name, ...rest] = argv;
  const entry = COMMANDS.find((command) => command.name === name);
  if (!entry) throw new Error(`no command ${name}`);
  let stdout = "";
  let stderr = "";
  const context: CliContext = {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", CLAUDE_PROJECT_DIR: cwd },
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: Object.assign(Readable.from([stdin]), { isTTY: false }),
    now: () => new Date("2026-12-05T12:00:00Z"),
    version: "0.0.0-fuzz",
    exitCode: 0,
  };
  const started = performance.now();
  const code = await runCommand(entry, rest, context);
  return { code, stdout, stderr, ms: performance.now() - started };
}

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;

function problemWith(result: RunResult): string | undefined {
  if (result.code >= 4) return `exit ${result.code}`;
  if (STACK_LINE.test(result.stdout) || STACK_LINE.test(result.stderr)) return "a stack trace";
  if (result.ms > RUN_LIMIT_MS) return `${Math.round(result.ms)} ms`;
  return undefined;
}

describe("seeded mutations of every input kind never exit 4", () => {
  let repo: TempRepo;

  beforeAll(() => {
    repo = createTempRepo("jig-fuzz-");
    repo.write("src/refunds.js", "export const AUTO_REFUND_CAP_CENTS = 50_000;\n");
    repo.write("tests/refunds.test.js", 'test("AC-1 approves a small refund", () => {});\n');
    for (const kind of KINDS) repo.write(kind.path, kind.seed);
    repo.commit("seed inputs");
  }, 60_000);

  afterAll(() => repo?.cleanup());

  const only = process.env.JIG_FUZZ_KINDS?.split(",");
  for (const kind of KINDS.filter((item) => !only || only.includes(item.name))) {
    it(`${kind.name}: the seed is valid and ${RUNS} mutations exit 0–3 without a stack trace`, async () => {
      const path = join(repo.dir, kind.path);
      const write = (bytes: string | Buffer, shape: Shape = "file") => {
        rmSync(path, { recursive: true, force: true });
        if (shape === "directory") mkdirSync(path);
        else if (shape === "symlink-loop") symlinkSync(path, path);
        else if (shape === "dangling-symlink") symlinkSync(`${path}.missing`, path);
        else writeFileSync(path, shape === "empty" ? "" : bytes);
      };
      const run = (bytes: string | Buffer, shape: Shape = "file") => {
        if (!kind.stdin) write(bytes, shape);
        return runJig(repo.dir, kind.argv, kind.stdin ? bytes : "");
      };
      const valid = await run(kind.seed);
      expect(valid.code, `the ${kind.name} seed: ${valid.stderr}`).toBeLessThan(2);
      const slowest = { ms: 0 };
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
            envelopeArb,
            shapeArb,
            async (mutations, envelope, shape) => {
              const bytes = encode(mutate(kind, mutations), envelope);
              const result = await run(bytes, shape);
              slowest.ms = Math.max(slowest.ms, result.ms);
              const problem = problemWith(result);
              // JIG_FUZZ_DUMP=dir keeps the failing input, to reproduce it with the binary.
              if (problem && process.env.JIG_FUZZ_DUMP)
                writeFileSync(join(process.env.JIG_FUZZ_DUMP, `${kind.name}-${shape}.bin`), bytes);
              if (problem)
                throw new Error(`${problem}: ${result.stderr.split("\n").slice(0, 3).join(" | ")}`);
            },
          ),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      } finally {
        write(kind.seed);
        repo.git("clean", "-fdq", "specs", ".jig");
      }
    }, 240_000);
  }
});
