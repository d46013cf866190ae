import { afterEach, describe, expect, it } from "vitest";
import { configSchema } from "../config/index.js";
import { loadCatalog } from "../failures/index.js";
import { readChange, resolveRange } from "../git/index.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { assembleReviewContext } from "./assemble-review-context.js";
import { buildReviewPrompt } from "./build-review-prompt.js";
import { gatherReviewInput } from "./gather-review-input.js";
import { planReviewGroups } from "./plan-review-groups.js";

// The classes the real-world corpus shows no deterministic detector reaches
// (races, leaks, forwarded-header trust, double decoding, ...) are shipped as
// detector-less entries in failure-models/reviewer-only.yaml. They must reach
// the AI reviewer's failure-model list through the same path as every other
// entry: the shipped catalog, selectFailureModels, the prompt.
describe("reviewer-only failure models", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("have no detector and appear in the review prompt of a change to the files they apply to", async () => {
    const config = configSchema.parse({});
    repo = createTempRepo();
    repo.write("internal/proxy/raw.go", "package proxy\n");
    repo.write("app/keys.py", "KEY = None\n");
    const base = repo.commit("base");
    repo.write(
      "internal/proxy/raw.go",
      'package proxy\n\nfunc clientIP(r *http.Request) string { return r.Header.Get("X-Forwarded-For") }\n',
    );
    repo.write(
      "app/keys.py",
      'def save(path, key):\n    with open(path, "w") as f:\n        f.write(key)\n    os.chmod(path, 0o600)\n',
    );
    repo.commit("change");

    const catalog = await loadCatalog({ repoRoot: repo.dir, config });
    const reviewerOnly = catalog.entries.filter((entry) => entry.domain === "reviewer-only");
    expect(reviewerOnly.length).toBeGreaterThanOrEqual(8);
    for (const entry of reviewerOnly) expect(entry.detect, entry.id).toBeUndefined();

    const change = await readChange(await resolveRange({ cwd: repo.dir, base }), repo.dir);
    const { input } = await gatherReviewInput({ repoRoot: repo.dir, change, config });
    const context = assembleReviewContext(input);
    const group = planReviewGroups(context, 60_000).groups[0] ?? [];
    const { prompt, system } = buildReviewPrompt(context, group, "n0nce", "complete");
    const text = `${system}\n${prompt}`;
    // Go and Python files changed: every reviewer-only entry applying to either is listed.
    for (const id of ["FM-REVIEW-001", "FM-REVIEW-002", "FM-REVIEW-003", "FM-REVIEW-007"])
      expect(text, id).toContain(id);
    const race = reviewerOnly.find((entry) => entry.id === "FM-REVIEW-001");
    expect(text).toContain(race?.title);
    expect(text).toContain(race?.fix.trim());
  });

  it("stay out of the prompt when no changed file matches their appliesTo", async () => {
    const config = configSchema.parse({});
    repo = createTempRepo();
    repo.write("README.md", "# app\n");
    const base = repo.commit("base");
    repo.write("README.md", "# app\n\nUsage.\n");
    repo.commit("docs");
    const change = await readChange(await resolveRange({ cwd: repo.dir, base }), repo.dir);
    const { input } = await gatherReviewInput({ repoRoot: repo.dir, change, config });
    expect(input.failureModels.map((model) => model.id)).not.toContain("FM-REVIEW-001");
  });
});
