import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultConfig, parseConfig } from "../config/index.js";
import {
  offerRecommendedCodeowners,
  renderRecommendedCodeowners,
} from "./recommended-codeowners.js";

const OWNER = "@your-org/jig-governance";

describe("renderRecommendedCodeowners", () => {
  it("owns every governance input, anchored at the root", () => {
    expect(renderRecommendedCodeowners(defaultConfig())).toEqual([
      `/jig.config.yaml ${OWNER}`,
      `/agents/ ${OWNER}`,
      `/failure-models/ ${OWNER}`,
      `/evals/ ${OWNER}`,
      `/specs/ ${OWNER}`,
      `/.claude/settings.json ${OWNER}`,
      `/jig.waivers.yaml ${OWNER}`,
      `/autonomy.yaml ${OWNER}`,
      `/CODEOWNERS ${OWNER}`,
      `/.github/CODEOWNERS ${OWNER}`,
      `/.gitlab/CODEOWNERS ${OWNER}`,
      `/docs/CODEOWNERS ${OWNER}`,
    ]);
  });

  it("follows moved folders and governance.paths, and names globs CODEOWNERS cannot say", () => {
    const { config } = parseConfig(
      "specs:\n  dir: docs/specs\ngovernance:\n  paths: ['infra/**', 'deploy/*.yaml', 'src/{a,b}.ts']\n",
      "jig.config.yaml",
    );
    if (!config) throw new Error("config did not parse");
    const lines = renderRecommendedCodeowners(config, "@acme/leads");
    expect(lines).toContain("/docs/specs/ @acme/leads");
    expect(lines).toContain("/infra/ @acme/leads");
    expect(lines).toContain("/deploy/*.yaml @acme/leads");
    expect(lines).toContain("# cannot be said in CODEOWNERS, review it by hand: src/{a,b}.ts");
  });
});

describe("offerRecommendedCodeowners", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("writes .github/CODEOWNERS when there is none, then keeps it on the next run", async () => {
    dir = mkdtempSync(join(tmpdir(), "jig-codeowners-"));
    expect(await offerRecommendedCodeowners(dir, defaultConfig())).toEqual([
      `wrote .github/CODEOWNERS: governance paths owned by ${OWNER}; put your reviewers there`,
    ]);
    const text = readFileSync(join(dir, ".github/CODEOWNERS"), "utf8");
    expect(text).toContain(`\n/specs/ ${OWNER}\n`);
    expect(text).toContain(`\n/.claude/settings.json ${OWNER}\n`);
    // The user puts real owners in; jig leaves the file as it is.
    writeFileSync(join(dir, ".github/CODEOWNERS"), text.replaceAll(OWNER, "@acme/leads"));
    expect(await offerRecommendedCodeowners(dir, defaultConfig())).toEqual([
      "kept .github/CODEOWNERS (it covers jig's governance paths)",
    ]);
    expect(readFileSync(join(dir, ".github/CODEOWNERS"), "utf8")).toBe(
      text.replaceAll(OWNER, "@acme/leads"),
    );
  });

  it("never edits an existing code-owner file: it lists the lines it lacks", async () => {
    dir = mkdtempSync(join(tmpdir(), "jig-codeowners-"));
    mkdirSync(join(dir, "docs"));
    const own = "* @acme/everyone\n/specs/ @acme/product\n";
    writeFileSync(join(dir, "docs/CODEOWNERS"), own);
    const lines = await offerRecommendedCodeowners(dir, defaultConfig());
    expect(lines[0]).toBe(
      "kept docs/CODEOWNERS; jig recommends adding these lines so a person reviews governance changes:",
    );
    expect(lines).toContain(`  /agents/ ${OWNER}`);
    expect(lines).not.toContain(`  /specs/ ${OWNER}`);
    expect(readFileSync(join(dir, "docs/CODEOWNERS"), "utf8")).toBe(own);
  });
});
