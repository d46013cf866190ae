import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { runJig } from "./run-jig.js";

describe("jig demo", () => {
  it("gates the bundled changes: the clean one passes and each layer catches its defect", () => {
    const result = runJig(["demo"], { cwd: tmpdir() });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Change 1");
    expect(result.stdout).toContain("Change 2");
    expect(result.stdout).toContain("JIG-G001");
    expect(result.stdout).toMatch(/✓ Change 1[^\n]*: pass/);
    expect(result.stdout).toMatch(/✓ Change 2[^\n]*: fail/);
    // Every layer shows itself catching its kind of defect, and nothing missed its verdict.
    for (const rule of [
      "JIG-G001",
      "JIG-A001",
      "JIG-T001",
      "FM-ERR-003",
      "JIG-X001",
      "SPEC-0001/AC-2",
      "JIG-E001",
    ]) {
      expect(result.stdout).toContain(rule);
    }
    // A criterion nothing vouches for needs a person, and the report says what to decide.
    expect(result.stdout).toMatch(/✓ Change 9[^\n]*: needs-human \(exit 3\)/);
    expect(result.stdout).toContain(
      "What a person must decide\n  ? SPEC-0001/AC-4 has no evidence:",
    );
    expect(result.stdout).not.toMatch(/✗ Change/);
  });
});
