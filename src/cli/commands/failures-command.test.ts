import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteRunStore } from "../../store/index.js";
import { useSeededRepo } from "../../test-support/seeded-repo.js";
import type { TempRepo } from "../../test-support/temp-repo.js";
import { startFakeModelServer } from "../../testing/fake-model-server.js";
import { sampleRunReport as sampleReport } from "../../testing/sample-run-report.js";
import type { CliContext } from "../cli-context.js";
import { runCommand } from "../run-command.js";

const entry = { name: "failures", summary: "", load: () => import("./failures-command.js") };

async function jig(
  cwd: string,
  argv: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
) {
  let stdout = "";
  let stderr = "";
  const context: CliContext = {
    cwd,
    env: options.env ?? {},
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: Object.assign(Readable.from([options.stdin ?? ""]), { isTTY: false }),
    now: () => new Date("2026-02-02T12:00:00Z"),
    version: "0.0.0-test",
    exitCode: 0,
  };
  const exitCode = await runCommand(entry, argv, context);
  return { exitCode, stdout, stderr };
}

const SECRET_DIFF = `diff --git a/src/config.ts b/src/config.ts
new file mode 100644
--- /dev/null
+++ b/src/config.ts
@@ -0,0 +1,2 @@
+export const region = "eu-west-1";
+export const key = "AKIAIOSFODNN7EXAMPLE";
`;

const OWN_ENTRY = `domain: api
failures:
  - id: FM-API-001
    title: Debug endpoint left enabled
    severity: high
    trigger: A debug route ships.
    symptoms: [internal state is public]
    fix: Remove it.
    source: an internal incident
    detect:
      added: '\\bapp\\.get\\(["'']/debug'
    examples:
      bad: ['app.get("/debug", dump);']
      good: ['app.get("/health", ok);']
`;

describe("jig failures", () => {
  let repo: TempRepo;
  const seeded = useSeededRepo((seed) => {
    seed.write("src/app.ts", "export const x = 1;\n");
    seed.commit("base");
  });
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  it("check --diff - reads a unified diff on stdin, outside any git repo", async () => {
    const outside = mkdtempSync(join(tmpdir(), "jig-nogit-"));
    try {
      const result = await jig(outside, ["check", "--diff", "-", "--format", "json"], {
        stdin: SECRET_DIFF,
      });
      expect(result.stderr).toBe("");
      expect(result.exitCode).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.schema).toBe("jig.report/v1");
      expect(report.findings).toEqual([
        expect.objectContaining({
          layer: "failure-models",
          ruleId: "FM-SECRET-001",
          severity: "critical",
          file: "src/config.ts",
          line: 2,
        }),
      ]);
      expect(report.range.description).toBe("unified diff from stdin");
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("check on a git range exits 0 when nothing fires, 2 on a bad ref", async () => {
    repo.write("src/app.ts", "export const x = 2;\n");
    const head = repo.commit("clean change");
    const clean = await jig(repo.dir, ["check", "--base", "HEAD~1", "--head", head]);
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toContain("failure-models");
    const bad = await jig(repo.dir, ["check", "--base", "no-such-ref"]);
    expect(bad.exitCode).toBe(2);
  });

  it("check on a git range streams batches and finds exactly what the whole diff gives", async () => {
    // New files only, so --diff can rebuild every post-change file from its
    // hunks and run absent and ast detectors just as the git path does.
    const firing = [
      'const key = "AKIAIOSFODNN7EXAMPLE";',
      "try { run(); } catch (error) {}",
      "const result = eval(input);",
      'it.only("adds", () => {});',
      "const agent = new https.Agent({ rejectUnauthorized: false });",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text the SQL detector must see
      "const rows = await db.query(`SELECT * FROM users WHERE id = ${id}`);",
    ];
    // Few files of long lines: the diff must span several 256 KB batches, and
    // the detectors' cost grows with files and lines, not with line length.
    const padding = "padding to make the diff large ".repeat(8);
    for (let n = 0; n < 120; n++) {
      const lines = Array.from({ length: 30 }, (_, index) =>
        index % 7 === n % 7
          ? (firing[(n + index) % firing.length] as string)
          : `export const value_${n}_${index} = compute(${index}, "${padding}");`,
      );
      repo.write(`src/batch/file-${n}.ts`, `${lines.join("\n")}\n`);
    }
    const head = repo.commit("many findings");
    const streamed = await jig(repo.dir, [
      "check",
      "--base",
      "HEAD~1",
      "--head",
      head,
      "--format",
      "json",
    ]);
    const diff = repo.git("diff", "HEAD~1", head);
    expect(diff.length).toBeGreaterThan(3 * 256 * 1024);
    const whole = await jig(repo.dir, ["check", "--diff", "-", "--format", "json"], {
      stdin: diff,
    });
    expect(streamed.exitCode).toBe(1);
    const findings = (stdout: string) =>
      (JSON.parse(stdout).findings as Array<{ ruleId: string; file: string; line: number }>).map(
        (finding) => `${finding.file}:${finding.line}:${finding.ruleId}`,
      );
    const fromGit = findings(streamed.stdout);
    expect(new Set(fromGit.map((finding) => finding.split(":")[2])).size).toBeGreaterThanOrEqual(5);
    expect(fromGit.length).toBeGreaterThan(300);
    expect(fromGit).toEqual(findings(whole.stdout));
    // Every detector over a 120-file change, twice: seconds on an idle machine,
    // more than the default 30 s when the tests share two busy cores.
  }, 60_000);

  it("lint prints file:line:col and exits 2 on a bad catalog; test exits 1 on a wrong example", async () => {
    repo.write("failure-models/api.yaml", OWN_ENTRY.replace("'\\bapp", "'(app"));
    const lint = await jig(repo.dir, ["lint"]);
    expect(lint.exitCode).toBe(2);
    expect(lint.stderr).toMatch(
      /^failure-models\/api\.yaml:11:14: FM-API-001: detect\.added is not a valid regex/m,
    );

    repo.write(
      "failure-models/api.yaml",
      OWN_ENTRY.replace('app.get("/health", ok);', 'app.get("/debug/x", ok);'),
    );
    const test = await jig(repo.dir, ["test"]);
    expect(test.exitCode).toBe(1);
    expect(test.stdout).toContain("failure-models/api.yaml:3: FM-API-001: good example 1");

    repo.write("failure-models/api.yaml", OWN_ENTRY);
    expect((await jig(repo.dir, ["test"])).exitCode).toBe(0);
  });

  it("lint reports a duplicate id and a bad regex in another entry together", async () => {
    const second = OWN_ENTRY.split("failures:\n")[1] as string;
    repo.write(
      "failure-models/api.yaml",
      `${OWN_ENTRY}${second.replace("'\\bapp", "'(app")}${second.replace("FM-API-001", "FM-API-002").replace("'\\bapp", "'(app")}`,
    );
    const lint = await jig(repo.dir, ["lint"]);
    expect(lint.exitCode).toBe(2);
    expect(lint.stderr).toMatch(/^failure-models\/api\.yaml:15:5: duplicate id FM-API-001/m);
    expect(lint.stderr).toMatch(
      /^failure-models\/api\.yaml:35:14: FM-API-002: detect\.added is not a valid regex/m,
    );
    expect((await jig(repo.dir, ["test"])).exitCode).toBe(2);
  });

  it("lint warns about an id in failures.disable that names no entry, and still passes", async () => {
    repo.write("jig.config.yaml", "failures:\n  disable: [FM-SEC-001, FM-SEC-999]\n");
    const lint = await jig(repo.dir, ["lint"]);
    expect(lint.exitCode).toBe(0);
    expect(lint.stderr).toMatch(
      /^warning: jig\.config\.yaml: failures\.disable names FM-SEC-999, which is no failure model/m,
    );
    expect(lint.stderr).not.toContain("FM-SEC-001");
  });

  it("list shows origin, filters by domain and prints JSON; show prints one entry", async () => {
    repo.write("failure-models/api.yaml", OWN_ENTRY);
    const list = await jig(repo.dir, ["list", "--format", "json"]);
    const entries = JSON.parse(list.stdout) as Array<{ id: string; origin: string }>;
    expect(entries.find((item) => item.id === "FM-API-001")?.origin).toBe("project");
    expect(entries.find((item) => item.id === "FM-DB-001")?.origin).toBe("shipped");
    const secrets = await jig(repo.dir, ["list", "--domain", "secrets"]);
    expect(secrets.stdout).toMatch(/FM-SECRET-001 +critical +secrets +shipped/);
    expect(secrets.stdout).not.toContain("FM-DB-001");
    const unknown = await jig(repo.dir, ["list", "--domain", "secret"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(
      /no active failure model in domain "secret"; domains: .*secrets/,
    );
    const show = await jig(repo.dir, ["show", "fm-api-001"]);
    expect(show.stdout).toContain("FM-API-001  Debug endpoint left enabled");
    expect((await jig(repo.dir, ["show", "FM-NOPE-001"])).exitCode).toBe(2);
  });

  it("add writes an entry whose examples pass, appending to the domain file, and refuses one whose examples fail", async () => {
    repo.write("failure-models/api.yaml", `# our API failure models\n${OWN_ENTRY}`);
    const flags = [
      "add",
      "--id",
      "FM-API-002",
      "--domain",
      "api",
      "--severity",
      "medium",
      "--title",
      "Stack traces returned to clients",
      "--trigger",
      "An error handler sends err.stack.",
      "--symptom",
      "internal paths leak",
      "--fix",
      "Send a generic message.",
      "--source",
      "an internal incident",
      "--added",
      "res\\.send\\(\\s*\\w+\\.stack\\b",
      "--bad",
      "res.send(err.stack);",
      "--good",
      'res.send("error");',
    ];
    const added = await jig(repo.dir, flags);
    expect(added.stderr).toBe("");
    expect(added.exitCode).toBe(0);
    const text = readFileSync(join(repo.dir, "failure-models/api.yaml"), "utf8");
    expect(text.startsWith("# our API failure models\n")).toBe(true);
    expect(text).toContain("id: FM-API-001");
    expect(text).toContain("id: FM-API-002");
    expect((await jig(repo.dir, ["test"])).exitCode).toBe(0);

    const wrong = await jig(repo.dir, [
      ...flags.slice(0, 2),
      "FM-API-003",
      ...flags
        .slice(3)
        .map((flag) => (flag === 'res.send("error");' ? "res.send(e.stack);" : flag)),
    ]);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain("good example 1");
    expect(readFileSync(join(repo.dir, "failure-models/api.yaml"), "utf8")).not.toContain(
      "FM-API-003",
    );
  });

  it("add refuses the id of a disabled entry, which would make the catalog a duplicate", async () => {
    repo.write("failure-models/api.yaml", OWN_ENTRY);
    repo.write("jig.config.yaml", "failures:\n  disable: [FM-API-001]\n");
    const result = await jig(repo.dir, [
      "add",
      ...["--id", "FM-API-001", "--domain", "api", "--severity", "low", "--title", "t"],
      ...["--trigger", "t", "--symptom", "s", "--fix", "f", "--source", "s"],
      ...["--added", "debugger;", "--bad", "debugger;", "--good", "x();"],
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("id FM-API-001 is already in the catalog");
    expect((await jig(repo.dir, ["lint"])).exitCode).toBe(0);
  });

  it("add without a TTY names the missing flags", async () => {
    const result = await jig(repo.dir, ["add", "--id", "FM-API-009"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("--title");
  });

  it("mine without a configured model exits 2 and says how to configure one", async () => {
    repo.write("INCIDENT.md", "# Outage\nThe agent renamed the database resource.\n");
    const result = await jig(repo.dir, ["mine", "INCIDENT.md"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("JIG_REVIEW_MODEL");
    expect(result.stderr).toContain("models.reviewer");
  });

  it("mine exits 1 with one line naming the model when its answer fails the schema twice", async () => {
    const stub = await startFakeModelServer();
    try {
      repo.write(
        "jig.config.yaml",
        `models:\n  reviewer: openai:gpt-4.1-mini\n  maxRetries: 0\nproviders:\n  openai:\n    baseURL: ${stub.openaiBaseURL}\n`,
      );
      repo.write("INCIDENT.md", "# Outage\nThe agent flipped a feature flag default to true.\n");
      const wrong = { kind: "json" as const, value: { candidates: "none" } };
      stub.enqueue(wrong, wrong);
      const result = await jig(repo.dir, ["mine", "INCIDENT.md"], {
        env: { OPENAI_API_KEY: "test-key" },
      });
      expect(result.exitCode).toBe(1);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain("openai:gpt-4.1-mini");
      expect(result.stderr).not.toContain("internal error");
    } finally {
      await stub.close();
    }
  });

  it("stats counts FM- findings per entry, domain and week, and lists entries that never fired", async () => {
    const store = openSqliteRunStore(join(repo.dir, ".jig", "jig.db"));
    for (const [id, startedAt, ruleIds] of [
      [
        "20260105T100000Z-aaaa",
        "2026-01-05T10:00:00.000Z",
        ["FM-SECRET-001", "FM-SECRET-001", "JIG-G001"],
      ],
      ["20260112T100000Z-bbbb", "2026-01-12T10:00:00.000Z", ["FM-SECRET-001", "FM-DB-001"]],
    ] as const) {
      const report = sampleReport(id, { startedAt, findings: 0 });
      report.findings = ruleIds.map((ruleId, index) => ({
        id: `f-${index}`,
        layer: "failure-models",
        ruleId,
        severity: "high",
        title: ruleId,
        message: "m",
      }));
      store.finishRun(report);
    }
    store.close();
    const result = await jig(repo.dir, ["stats", "--format", "json"]);
    expect(result.exitCode).toBe(0);
    const stats = JSON.parse(result.stdout);
    expect(stats.runs).toBe(2);
    expect(stats.entries.slice(0, 2)).toEqual([
      expect.objectContaining({ id: "FM-SECRET-001", domain: "secrets", findings: 3, runs: 2 }),
      expect.objectContaining({ id: "FM-DB-001", domain: "database", findings: 1, runs: 1 }),
    ]);
    expect(stats.domains).toEqual([
      { domain: "secrets", findings: 3 },
      { domain: "database", findings: 1 },
    ]);
    expect(stats.weeks).toEqual([
      { week: "2026-W02", findings: 2 },
      { week: "2026-W03", findings: 2 },
    ]);
    expect(stats.neverFired.map((row: { id: string }) => row.id)).toContain("FM-INFRA-001");
    expect(stats.neverFired.map((row: { id: string }) => row.id)).not.toContain("FM-SECRET-001");
    const since = await jig(repo.dir, ["stats", "--since", "2026-01-10"]);
    expect(since.stdout).toContain("1 recorded run since 2026-01-10");
    expect(existsSync(join(repo.dir, ".jig", "jig.db"))).toBe(true);
  });
});
