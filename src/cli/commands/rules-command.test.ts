import { describe, expect, it } from "vitest";
import { RULES } from "../../contract/rule-registry.js";
import type { CliContext } from "../cli-context.js";
import { COMMANDS } from "../registry.js";
import { runCommand } from "../run-command.js";

const entry = COMMANDS.find((command) => command.name === "rules")!;

async function jig(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const context: CliContext = {
    cwd: "/",
    env: {},
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: process.stdin,
    now: () => new Date("2026-11-25T12:00:00Z"),
    version: "0.0.0-test",
    exitCode: 0,
  };
  const exitCode = await runCommand(entry, argv, context);
  return { exitCode, stdout, stderr };
}

describe("jig rules", () => {
  it("lists every registered rule", async () => {
    const { exitCode, stdout } = await jig();
    expect(exitCode).toBe(0);
    expect(stdout.trimEnd().split("\n")).toHaveLength(RULES.length);
    expect(stdout).toContain("JIG-H001  Change touches the holdout evals");
  });

  it("shows one rule's help, whatever the case of the id", async () => {
    const { exitCode, stdout } = await jig("jig-h003");
    expect(exitCode).toBe(0);
    expect(stdout).toContain("JIG-H003  Eval suites are not sealed");
    expect(stdout).toContain("'jig eval seal'");
  });

  it("prints JSON for tools", async () => {
    expect(JSON.parse((await jig("--format", "json")).stdout)).toEqual(RULES);
    expect(JSON.parse((await jig("JIG-G001", "--format", "json")).stdout).id).toBe("JIG-G001");
  });

  it("rejects an id it does not own with exit 2 and points failure models to their catalog", async () => {
    const { exitCode, stderr, stdout } = await jig("FM-SQL-001");
    expect(exitCode).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('unknown rule "FM-SQL-001"');
    expect(stderr).toContain("jig failures show FM-SQL-001");
  });
});
