import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runJig } from "./run-jig.js";

const SIMULATE = fileURLToPath(new URL("../../bench/simulate-history.mjs", import.meta.url));

interface StatusClass {
  agent: string;
  domain: string;
  mode: string;
  evidence: { agreement: { decisions: number; low: number } };
  next: { to?: string; met: boolean; missing: string[] };
  demotions: Array<{ trigger: string; to: string; inForce: boolean }>;
}
interface Proposal {
  agent: string;
  domain: string;
  from: string;
  to: string;
}

/**
 * The simulated history end to end: ≥ 2,000 recorded decisions over 3 agents
 * and 5 domains, 300 commits with gate runs, driven through the built jig.
 * The steps share one repository and run in order: each builds on the last.
 */
// Each step spawns jig a dozen times; on a loaded 2-core machine that is tens of seconds.
describe("jig autonomy on a simulated history (e2e)", { timeout: 90_000 }, () => {
  let dir: string;
  let configHome: string;
  const jig = (...args: string[]) =>
    runJig(args, { cwd: dir, env: { XDG_CONFIG_HOME: configHome } });
  const status = (): StatusClass[] => {
    const result = jig("autonomy", "status", "--format", "json");
    expect(result.code, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as { classes: StatusClass[] }).classes;
  };
  const cls = (agent: string, domain: string) =>
    status().find((c) => c.agent === agent && c.domain === domain) as StatusClass;
  const proposals = (): Proposal[] => {
    const result = jig("autonomy", "propose", "--format", "json");
    expect(result.code, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as { proposals: Proposal[] }).proposals;
  };
  const git = (...args: string[]) =>
    execFileSync(
      "git",
      ["-c", "user.name=Pat Person", "-c", "user.email=pat@example.com", ...args],
      {
        cwd: dir,
        encoding: "utf8",
      },
    ).trim();
  const agree = (agent: string, domain: string, count: number) => {
    const db = new Database(join(dir, ".jig", "jig.db"));
    const insert = db.prepare(
      "INSERT INTO autonomy_events (at, agent, domain, action, kind, outcome) VALUES (?, ?, ?, 'edit', 'answer', 'agree')",
    );
    const at = new Date(Date.now() - 3_600_000).toISOString();
    db.transaction(() => {
      for (let i = 0; i < count; i += 1) insert.run(at, agent, domain);
    })();
    db.close();
  };

  beforeAll(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), "jig-e2e-autonomy-")));
    configHome = mkdtempSync(join(tmpdir(), "jig-e2e-autonomy-config-"));
    execFileSync(process.execPath, [SIMULATE, dir], { encoding: "utf8" });
  }, 60_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(configHome, { recursive: true, force: true });
  });

  it("syncs outcomes from git once, and an agreement drop demotes one step", () => {
    const first = jig("autonomy", "sync");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/270 judged runs; \d+ new events/);
    expect(first.stdout).toContain(
      "demoted coder in api: auto-logged → supervised [agreement-drop]",
    );
    const again = jig("autonomy", "sync");
    expect(again.stdout).toContain("; 0 new events");
    expect(again.stdout).not.toContain("demoted");

    const classes = status();
    expect(classes).toHaveLength(15);
    const decisions = classes.reduce((sum, c) => sum + c.evidence.agreement.decisions, 0);
    expect(decisions).toBeGreaterThanOrEqual(2000);
    expect(cls("coder", "api")).toMatchObject({
      mode: "supervised",
      demotions: [{ trigger: "agreement-drop", to: "supervised", inForce: true }],
    });
    // A person fixing the fixer's ui lines made disagreements out of PASS verdicts.
    expect(cls("coder", "billing").mode).toBe("full-auto");
  });

  it("proposes a promotion exactly when the lower bound crosses the rule", () => {
    const docs = cls("coder", "docs");
    expect(docs.mode).toBe("supervised");
    const missing = docs.next.missing.join(" ");
    const more = Number(/(\d+) more agreeing decisions/.exec(missing)?.[1]);
    expect(more).toBeGreaterThan(0);
    const initial = proposals();
    expect(initial.some((p) => p.agent === "coder" && p.domain === "docs")).toBe(false);
    expect(initial).toContainEqual(
      expect.objectContaining({
        agent: "docwriter",
        domain: "docs",
        from: "shadow",
        to: "supervised",
      }),
    );

    agree("coder", "docs", more - 1);
    expect(cls("coder", "docs").evidence.agreement.low).toBeLessThan(0.95);
    expect(proposals().some((p) => p.agent === "coder" && p.domain === "docs")).toBe(false);

    agree("coder", "docs", 1);
    expect(cls("coder", "docs").evidence.agreement.low).toBeGreaterThanOrEqual(0.95);
    expect(proposals()).toContainEqual(
      expect.objectContaining({
        agent: "coder",
        domain: "docs",
        from: "supervised",
        to: "auto-logged",
      }),
    );
    // Proposing changes nothing: promotion is never automatic.
    expect(cls("coder", "docs").mode).toBe("supervised");
  });

  it("demotes on a revert to supervised, in the audit log, and propose --write re-grants", () => {
    const target = git("log", "--format=%H", "--grep=coder change 100", "-n1");
    git("revert", "--no-edit", target);
    const sync = jig("autonomy", "sync");
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain("demoted coder in billing: full-auto → supervised [incident]");
    expect(cls("coder", "billing")).toMatchObject({
      mode: "supervised",
      demotions: [{ trigger: "incident", inForce: true }],
    });
    const db = new Database(join(dir, ".jig", "jig.db"), { readonly: true });
    const audit = db
      .prepare("SELECT agent, tool, decision, policies, reason FROM audit_log ORDER BY seq")
      .all() as Array<Record<string, string>>;
    db.close();
    expect(audit.map((row) => `${row.agent} ${row.tool} ${row.decision} ${row.policies}`)).toEqual([
      'coder Autonomy deny ["jig.autonomy.demote"]',
      'coder Autonomy deny ["jig.autonomy.demote"]',
    ]);
    expect(audit[1]?.reason).toContain(`incident ${target.slice(0, 12)}`);
    expect(jig("audit", "verify").code).toBe(0);

    const before = readFileSync(join(dir, "autonomy.yaml"), "utf8");
    const diff = jig("autonomy", "propose");
    expect(diff.stdout).toContain("-    mode: full-auto\n");
    expect(diff.stdout).toContain("+    mode: auto-logged\n");
    expect(readFileSync(join(dir, "autonomy.yaml"), "utf8")).toBe(before);

    const write = jig("autonomy", "propose", "--write");
    expect(write.code, write.stderr).toBe(0);
    const after = readFileSync(join(dir, "autonomy.yaml"), "utf8");
    expect(after).toContain("# Billing earned full-auto long ago.");
    expect(after).toContain("coder: anthropic:claude-sonnet-4-5");
    expect(cls("coder", "billing")).toMatchObject({
      mode: "auto-logged",
      demotions: [{ trigger: "incident", inForce: false }],
    });
    expect(cls("coder", "docs").mode).toBe("auto-logged");
    // The incident came before the re-grant: syncing again does not demote it anew.
    expect(jig("autonomy", "sync").stdout).not.toContain("demoted");
    expect(proposals().some((p) => p.agent === "coder" && p.domain === "billing")).toBe(false);
  });

  it("records an incident by hand, demotes, and offers it to jig failures mine", () => {
    const target = git("log", "--format=%H", "--grep=coder change 200", "-n1");
    const result = jig(
      "incident",
      "record",
      target.slice(0, 10),
      "--domain",
      "billing",
      "--failure-model",
      "FM-MONEY-001",
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `recorded incident ${target.slice(0, 12)} for coder in billing`,
    );
    expect(result.stdout).toContain(
      "demoted coder in billing: auto-logged → supervised [incident]",
    );
    const writeUp = join(".jig", "incidents", `${target.slice(0, 12)}.md`);
    expect(result.stdout).toContain(`jig failures mine ${writeUp}`);
    expect(readFileSync(join(dir, writeUp), "utf8")).toContain("- Failure model: FM-MONEY-001");
    expect(cls("coder", "billing").mode).toBe("supervised");

    const explain = jig("autonomy", "explain", "coder", "billing");
    expect(explain.stdout).toContain("coder in billing: supervised");
    expect(explain.stdout).toMatch(/full-auto → supervised \[incident\] lifted by a re-grant/);
    expect(explain.stdout).toMatch(/auto-logged → supervised \[incident\] in force/);
  });

  it("refuses bad input with exit 2 and file:line", () => {
    const unknown = jig("incident", "record", "HEAD", "--domain", "payments");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no domain 'payments'");
    expect(jig("autonomy", "explain", "coder", "nowhere").code).toBe(2);
    const missing = jig("incident", "record", "0000000deadbeef", "--domain", "billing");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("unknown commit '0000000deadbeef'");
    const person = jig("incident", "record", "HEAD", "--domain", "billing");
    expect(person.code).toBe(2);
    expect(person.stderr).toContain("pass --agent <agent>");
    writeFileSync(
      join(dir, "autonomy.yaml"),
      "classes:\n  - {agent: coder, domain: docs, mode: yolo}\n",
    );
    const bad = jig("autonomy", "status");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("autonomy.yaml:2");
    expect(existsSync(join(dir, ".jig", "jig.db"))).toBe(true);
  });

  it("without autonomy.yaml, shows the evidence but says modes are not enforced", () => {
    rmSync(join(dir, "autonomy.yaml"));
    const markdown = jig("autonomy", "status", "--format", "markdown");
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toContain("> autonomy.yaml not present: modes are not enforced");
    expect(markdown.stdout).toMatch(/\| coder \| billing \| supervised \| 100\.0% \[/);
    const sync = jig("autonomy", "sync");
    expect(sync.stdout).toContain("autonomy.yaml not present: evidence kept, nothing to demote");
  });
});
