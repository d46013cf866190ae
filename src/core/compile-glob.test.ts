import { describe, expect, it } from "vitest";
import { compileGlobRegex, compileGlobs } from "./compile-glob.js";
import { UsageError } from "./errors.js";

describe("compileGlobs", () => {
  it("matches like picomatch", () => {
    const matches = compileGlobs(["src/**", "*.md"], { dot: true }, "test");
    expect(matches("src/a/b.ts")).toBe(true);
    expect(matches("README.md")).toBe(true);
    expect(matches("lib/a.ts")).toBe(false);
    expect(compileGlobRegex("src/*.ts", { dot: true }, "test").test("src/a.ts")).toBe(true);
  });

  it("turns a glob picomatch would throw on (over 65,536 characters) into an input error naming where it came from", () => {
    const glob = `src/${"a".repeat(70_000)}`;
    for (const compile of [
      () => compileGlobs(["src/**", glob], { dot: true }, "jig.config.yaml domains.api"),
      () => compileGlobRegex(glob, { dot: true }, "jig.config.yaml domains.api"),
    ]) {
      const error = (() => {
        try {
          compile();
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(
        "jig.config.yaml domains.api: a 70,004-character glob is longer than 4,096 characters; shorten it or split it into several globs ('src/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…')",
      );
    }
  });
});
