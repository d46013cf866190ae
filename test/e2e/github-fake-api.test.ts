import { afterEach, describe, expect, it } from "vitest";
import { type FakeGithub, startFakeGithub } from "./fake-github.js";

let github: FakeGithub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

async function call(fake: FakeGithub, method: string, path: string, body?: unknown) {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: { authorization: `token ${fake.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * The fake must refuse what GitHub refuses, or the action's tests could pass
 * against requests the real API would reject.
 */
describe("the fake GitHub API", () => {
  it("records a violation for a body that fails GitHub's schema, an unknown path, and a comment off the diff", async () => {
    github = await startFakeGithub({
      owner: "acme",
      repo: "shop",
      pullNumber: 7,
      headSha: "a".repeat(40),
      files: [{ filename: "src/a.js", patch: "@@ -1,2 +1,3 @@\n a\n+b\n c" }],
    });
    const missingBody = await call(github, "POST", "/repos/acme/shop/issues/7/comments", {
      text: "hi",
    });
    expect(missingBody.status).toBe(422);
    expect(github.violations[0]).toContain("must have required property 'body'");

    expect((await call(github, "GET", "/repos/acme/shop/pulls/7/reviews-ish")).status).toBe(422);
    expect(github.violations[1]).toContain("no such path in GitHub's REST API");

    const review = {
      body: "x",
      commit_id: "a".repeat(40),
      path: "src/a.js",
      side: "RIGHT",
    };
    const offDiff = await call(github, "POST", "/repos/acme/shop/pulls/7/comments", {
      ...review,
      line: 9,
    });
    expect(offDiff.status).toBe(422);
    expect(github.violations[2]).toContain("line must be part of the diff");
    expect(github.violations).toHaveLength(3);

    const onDiff = await call(github, "POST", "/repos/acme/shop/pulls/7/comments", {
      ...review,
      line: 2,
    });
    expect(onDiff.status).toBe(201);
    expect(github.reviewComments).toHaveLength(1);
    expect(github.violations.slice(3)).toEqual([]);
  });

  it("pages with per_page and a Link header, as GitHub does", async () => {
    github = await startFakeGithub({
      owner: "acme",
      repo: "shop",
      pullNumber: 7,
      headSha: "a".repeat(40),
      files: Array.from({ length: 250 }, (_, index) => ({ filename: `f${index}` })),
    });
    const response = await fetch(`${github.url}/repos/acme/shop/pulls/7/files?per_page=100`, {
      headers: { authorization: `token ${github.token}` },
    });
    expect(((await response.json()) as unknown[]).length).toBe(100);
    expect(response.headers.get("link")).toMatch(/[?&]per_page=100&page=2>; rel="next"/);
    expect(github.violations).toEqual([]);
  });
});
