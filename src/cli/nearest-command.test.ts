import { describe, expect, it } from "vitest";
import { nearestCommand } from "./nearest-command.js";

const NAMES = ["init", "check", "spec", "failures", "review", "loop", "eval", "level", "runs"];

describe("nearestCommand", () => {
  it("suggests the command a typo meant: a missing, extra, swapped or wrong letter", () => {
    expect(nearestCommand("chek", NAMES)).toBe("check");
    expect(nearestCommand("checkk", NAMES)).toBe("check");
    expect(nearestCommand("cehck", NAMES)).toBe("check");
    expect(nearestCommand("failurs", NAMES)).toBe("failures");
    expect(nearestCommand("Revew", NAMES)).toBe("review");
  });

  it("suggests nothing for a different word", () => {
    expect(nearestCommand("deploy", NAMES)).toBeUndefined();
    expect(nearestCommand("x", NAMES)).toBeUndefined();
  });
});
