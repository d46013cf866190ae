import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { detectTestCommand } from "./detect-test-command.js";
import { parseConfig } from "./parse-config.js";
import { renderConfigTemplate } from "./render-config-template.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "jig-detect-"));
  dirs.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const scripts = (test: string) => JSON.stringify({ scripts: { test } });

describe("detectTestCommand", () => {
  it.each([
    [{ "package.json": scripts("vitest run") }, "vitest", false, "--outputFile=.jig/junit.xml"],
    [{ "package.json": scripts("jest --coverage") }, "jest", true, "--reporters=jest-junit"],
    [
      { "package.json": scripts("node --test test/") },
      "node --test",
      false,
      "--test-reporter-destination=.jig/junit.xml",
    ],
    [
      { "tests/test_refunds.py": "def test_x(): pass\n" },
      "pytest",
      false,
      "--junitxml=.jig/junit.xml",
    ],
    [
      { "pyproject.toml": "[tool.pytest.ini_options]\n" },
      "pytest",
      false,
      "--junitxml=.jig/junit.xml",
    ],
    [{ "go.mod": "module x\n" }, "go test", true, "--junitfile"],
    [{ "Cargo.toml": "[package]\n" }, "cargo test", true, "nextest"],
  ])("finds %o as %s", async (files, found, commented, flag) => {
    const proposal = await detectTestCommand(project(files));
    expect(proposal?.found.startsWith(found)).toBe(true);
    expect(proposal?.commented).toBe(commented);
    expect(proposal?.command).toContain(flag);
  });

  it("keeps node --test's own arguments", async () => {
    const proposal = await detectTestCommand(
      project({ "package.json": scripts("node --test test/") }),
    );
    expect(proposal?.command.at(-1)).toBe("test/");
  });

  it("finds nothing in an empty folder", async () => {
    expect(await detectTestCommand(project({}))).toBeUndefined();
  });

  it("writes a config that parses to the proposal, or leaves it commented", async () => {
    const filled = await detectTestCommand(project({ "package.json": scripts("vitest") }));
    const parsed = parseConfig(renderConfigTemplate("./s.json", filled), "jig.config.yaml");
    expect(parsed.config?.tests).toMatchObject({
      command: ["npx", "vitest", "run", "--reporter=junit", "--outputFile=.jig/junit.xml"],
      reports: [".jig/junit.xml"],
      timeoutSeconds: 600,
    });
    const commented = await detectTestCommand(project({ "go.mod": "module x\n" }));
    const text = renderConfigTemplate("./s.json", commented);
    expect(text).toContain("# go test writes no JUnit itself");
    expect(parseConfig(text, "jig.config.yaml").config?.tests.command).toBeUndefined();
  });
});
