import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** What `jig init` proposes for `tests:`, from what it finds in the repository. */
export interface TestCommandProposal {
  /** What it found, e.g. `vitest (package.json script "test")`. */
  found: string;
  command: string[];
  reports: string[];
  /**
   * Written commented out, with `note` saying what is missing (a JUnit
   * reporter the runner lacks), rather than as a working setting.
   */
  commented: boolean;
  note?: string;
}

const REPORT = ".jig/junit.xml";

/**
 * The test runner of the project at `root`, with the argv that makes it
 * write a JUnit report: package.json scripts (vitest, jest, `node --test`),
 * pytest, go test, cargo test, in that order. Undefined when none is found.
 */
export async function detectTestCommand(root: string): Promise<TestCommandProposal | undefined> {
  const scripts = await readScripts(root);
  for (const [name, script] of scripts) {
    if (/\bvitest\b/.test(script)) {
      return {
        found: `vitest (package.json script "${name}")`,
        command: ["npx", "vitest", "run", "--reporter=junit", `--outputFile=${REPORT}`],
        reports: [REPORT],
        commented: false,
      };
    }
  }
  for (const [name, script] of scripts) {
    if (/\bjest\b/.test(script)) {
      return {
        found: `jest (package.json script "${name}")`,
        command: ["npx", "jest", "--ci", "--reporters=default", "--reporters=jest-junit"],
        reports: ["junit.xml"],
        commented: true,
        note: "jest writes JUnit only through jest-junit: npm install --save-dev jest-junit, then uncomment",
      };
    }
  }
  for (const [name, script] of scripts) {
    const match = /^\s*node\s+--test((?:\s+[\w./*@-]+)*)\s*$/.exec(script);
    if (match || /\bnode\s+--test\b/.test(script)) {
      const args = match?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
      return {
        found: `node --test (package.json script "${name}")`,
        command: [
          "node",
          "--test",
          "--test-reporter=junit",
          `--test-reporter-destination=${REPORT}`,
          ...args,
        ],
        reports: [REPORT],
        commented: false,
      };
    }
  }
  if (await usesPytest(root)) {
    return {
      found: "pytest",
      command: ["python3", "-m", "pytest", "-q", `--junitxml=${REPORT}`],
      reports: [REPORT],
      commented: false,
    };
  }
  if (existsSync(join(root, "go.mod"))) {
    return {
      found: "go test (go.mod)",
      command: ["gotestsum", "--junitfile", REPORT, "--", "./..."],
      reports: [REPORT],
      commented: true,
      note: "go test writes no JUnit itself: install gotestsum (go install gotest.tools/gotestsum@latest), then uncomment",
    };
  }
  if (existsSync(join(root, "Cargo.toml"))) {
    return {
      found: "cargo test (Cargo.toml)",
      command: ["cargo", "nextest", "run", "--profile", "ci"],
      reports: ["target/nextest/ci/junit.xml"],
      commented: true,
      note: 'cargo test writes no JUnit itself: install cargo-nextest and set [profile.ci.junit] path = "junit.xml" in .config/nextest.toml, then uncomment',
    };
  }
  return undefined;
}

async function readScripts(root: string): Promise<Array<[string, string]>> {
  try {
    const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
      scripts?: Record<string, unknown>;
    };
    const entries = Object.entries(manifest.scripts ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    );
    // The "test" script speaks for the project first.
    return entries.sort(([a], [b]) => Number(b === "test") - Number(a === "test"));
  } catch {
    return []; // no package.json, or not JSON: no scripts to read
  }
}

async function usesPytest(root: string): Promise<boolean> {
  if (existsSync(join(root, "pytest.ini")) || existsSync(join(root, "conftest.py"))) return true;
  try {
    if (/\[tool\.pytest/.test(await readFile(join(root, "pyproject.toml"), "utf8"))) return true;
  } catch {
    // no pyproject.toml
  }
  try {
    const files = await readdir(join(root, "tests"));
    return files.some((file) => /^test_.*\.py$|_test\.py$/.test(file));
  } catch {
    return false; // no tests/ folder
  }
}
