// Publishing a report to a pull request (jig ci github): the pure plan for a
// 3,000-file pull request with 500 findings, and the whole publish (list 350
// files in 4 pages, list comments, create the PR comment and 50 inline
// comments) against a local stub of the API on 127.0.0.1. Judged by the time
// jig adds per API call, which should stay well under GitHub's own latency
// (~100 ms): the API, not jig, sets the pace. Run: node bench/github.bench.mjs
import { createServer } from "node:http";
import { join } from "node:path";
import { median, ROOT } from "./bench-utils.mjs";

const github = await import(join(ROOT, "dist/github/index.js"));
const { sampleReport } = await import(join(ROOT, "dist/testing/index.js"));

const FILES = 3000;
const findings = Array.from({ length: 500 }, (_, index) => ({
  id: `f${index}`,
  layer: "review",
  ruleId: "SPEC-0001/AC-1",
  severity: index % 2 ? "high" : "medium",
  file: `src/file-${index * 5}.ts`,
  line: 2,
  title: "Off by one",
  message: "Use <= instead of <.",
  fingerprint: index.toString(16).padStart(16, "0"),
}));
const patch = "@@ -1,3 +1,4 @@\n a\n+b\n c\n d";
const diffLines = new Map(
  Array.from({ length: FILES }, (_, index) => [
    `src/file-${index}.ts`,
    github.commentableLines(patch),
  ]),
);

const planSamples = [];
for (let run = 0; run < 30; run++) {
  const started = performance.now();
  const report = { ...sampleReport(), findings };
  const plan = github.planReviewComments({
    findings,
    threshold: "high",
    diffLines,
    existing: [],
    headSha: "a".repeat(40),
  });
  github.renderPullRequestComment(report, plan.outsideDiff);
  planSamples.push(performance.now() - started);
}

// A stub that answers like GitHub, without validation: only jig's side is timed.
let calls = 0;
const files = Array.from({ length: 350 }, (_, index) => ({
  filename: `src/file-${index}.ts`,
  patch,
}));
const server = createServer((request, response) => {
  calls++;
  const url = new URL(request.url, "http://127.0.0.1");
  request.resume();
  request.on("end", () => {
    let body = {};
    const headers = { "content-type": "application/json" };
    if (request.method === "GET" && url.pathname.endsWith("/files")) {
      const page = Number(url.searchParams.get("page") ?? 1);
      body = files.slice((page - 1) * 100, page * 100);
      if (page * 100 < files.length) {
        headers.link = `<http://127.0.0.1:${server.address().port}${url.pathname}?per_page=100&page=${page + 1}>; rel="next"`;
      }
    } else if (request.method === "GET") body = [];
    else body = { id: calls, body: "" };
    response.writeHead(request.method === "POST" ? 201 : 200, headers);
    response.end(JSON.stringify(body));
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const client = github.createGithubClient({
  token: "bench",
  baseUrl: `http://127.0.0.1:${server.address().port}`,
  maxRetryWaitMs: 10,
  now: Date.now,
  userAgent: "jig-bench",
});
const report = { ...sampleReport(), findings: findings.slice(0, 100) };
const publishSamples = [];
let perRun = 0;
for (let run = 0; run < 12; run++) {
  calls = 0;
  const started = performance.now();
  await github.publishToPullRequest(
    client,
    { owner: "acme", repo: "shop", pullNumber: 7, headSha: "a".repeat(40) },
    report,
    { comment: true, inlineThreshold: "high" },
  );
  if (run >= 2) publishSamples.push(performance.now() - started);
  perRun = calls;
}
server.close();

const planMs = median(planSamples);
const publishMs = median(publishSamples);
console.log(
  `plan + PR comment, ${FILES} files, ${findings.length} findings: median ${planMs.toFixed(2)} ms`,
);
console.log(
  `publish to a 350-file PR (${perRun} API calls, local stub): median ${publishMs.toFixed(1)} ms`,
);
console.log(
  `jig's time per API call: ${(publishMs / perRun).toFixed(2)} ms (GitHub's own latency is ~100 ms)`,
);
