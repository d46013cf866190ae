import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseSuite } from "./parse-suite.js";
import {
  detectLanguage,
  renderStarterSuite,
  type StarterLanguage,
  writeStarterSuite,
} from "./starter-suite.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "jig-starter-"));
  dirs.push(dir);
  return dir;
}

describe("starter suite", () => {
  it.each<StarterLanguage>(["node", "python", "go", "shell"])(
    "the %s starter is a valid suite: a command target and 3 scenarios with different assertion types",
    (language) => {
      const parsed = parseSuite(renderStarterSuite("smoke", language), "evals/smoke.yaml");
      expect(parsed.problems).toEqual([]);
      expect(parsed.suite?.target.command).toBeDefined();
      expect(parsed.suite?.scenarios).toHaveLength(3);
      const firstTypes = parsed.suite?.scenarios.map((scenario) => scenario.assert[0]?.type);
      expect(new Set(firstTypes).size).toBe(3);
    },
  );

  it("detects the language from the files at the root, shell when none fits", () => {
    const cases: Array<[string | undefined, StarterLanguage]> = [
      ["package.json", "node"],
      ["pyproject.toml", "python"],
      ["requirements.txt", "python"],
      ["go.mod", "go"],
      [undefined, "shell"],
    ];
    for (const [file, language] of cases) {
      const dir = tempDir();
      if (file) writeFileSync(join(dir, file), "");
      expect(detectLanguage(dir)).toBe(language);
    }
  });

  it("refuses to overwrite an existing suite, naming it", async () => {
    const dir = tempDir();
    const options = {
      evalsDir: dir,
      name: "smoke",
      language: "go" as const,
      shown: "evals/smoke.yaml",
    };
    await writeStarterSuite(options);
    await expect(writeStarterSuite(options)).rejects.toThrow(
      "evals/smoke.yaml already exists; jig eval init never overwrites a suite. Pick another name: jig eval init NAME",
    );
  });
});
