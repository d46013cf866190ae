import { describe, expect, it } from "vitest";
import { mergeDetectorRuns } from "./merge-detector-runs.js";
import type { DetectorRun } from "./run-detectors.js";

const finding = (file: string, ruleId: string) => ({
  ruleId,
  severity: "high" as const,
  file,
  line: 1,
  title: ruleId,
  message: ruleId,
});

describe("mergeDetectorRuns", () => {
  it("joins batch runs into the change's file order, keeping each file's own order", () => {
    const first: DetectorRun = {
      findings: [finding("src/b.ts", "FM-1"), finding("src/b.ts", "FM-2")],
      skipped: [{ path: "img.png", reason: "binary" }],
      filesScanned: 2,
      entriesRun: 72,
      unreadable: [],
    };
    const second: DetectorRun = {
      findings: [finding("src/a.ts", "FM-3")],
      skipped: [],
      filesScanned: 1,
      entriesRun: 72,
      unreadable: ["src/gone.ts"],
    };
    const merged = mergeDetectorRuns([first, second], ["src/a.ts", "src/b.ts"]);
    expect(merged.findings.map((item) => `${item.file}:${item.ruleId}`)).toEqual([
      "src/a.ts:FM-3",
      "src/b.ts:FM-1",
      "src/b.ts:FM-2",
    ]);
    expect(merged).toMatchObject({
      filesScanned: 3,
      entriesRun: 72,
      skipped: [{ path: "img.png", reason: "binary" }],
      unreadable: ["src/gone.ts"],
    });
  });
});
