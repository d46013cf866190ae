import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { runJig } from "./run-jig.js";

describe("jig demo", () => {
  it("gates the two bundled changes: the one citing the spec passes, the other fails", () => {
    const result = runJig(["demo"], { cwd: tmpdir() });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Change 1");
    expect(result.stdout).toContain("Change 2");
    expect(result.stdout).toContain("JIG-G001");
    expect(result.stdout).toMatch(/✓ Change 1[^\n]*: pass/);
    expect(result.stdout).toMatch(/✓ Change 2[^\n]*: fail/);
  });
});
