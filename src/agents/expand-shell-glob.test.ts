import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expandShellGlob } from "./expand-shell-glob.js";

const root = mkdtempSync(join(tmpdir(), "jig-glob-"));
mkdirSync(join(root, "evals"));
writeFileSync(join(root, "evals", "refunds.yaml"), "suite: refunds\n");
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("expandShellGlob", () => {
  it("expands a glob to the paths on disk, dotfiles and case included", () => {
    expect(expandShellGlob("EV*/*.yaml", { cwd: root, home: root }).paths).toEqual([
      join(root, "evals", "refunds.yaml"),
    ]);
  });

  it("judges a segment picomatch refuses by its literal base, never as matching nothing", () => {
    const huge = `${"*".repeat(70_000)}.yaml`;
    const expansion = expandShellGlob(`evals/${huge}`, { cwd: root, home: root });
    expect(expansion).toEqual({ paths: [], truncated: join(root, "evals") });
  });
});
