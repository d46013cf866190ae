import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDashboardStore } from "../../src/test-support/seed-dashboard-store.js";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { JIG_BIN, runJig } from "./run-jig.js";

/** Start `jig ui` and resolve with the URL from its serving line. */
function startUi(
  cwd: string,
  args: string[],
): Promise<{ child: ChildProcess; url: string; line: string }> {
  const child = spawn(process.execPath, [JIG_BIN, "ui", ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", JIG_UI_TOKEN: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`jig ui did not start: ${err}`)), 20_000);
    child.stderr?.on("data", (chunk) => {
      err += chunk;
    });
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      const match = /^jig ui: serving (http:\/\/\S+\/) \(store: [^)]+\)\n/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] as string, line: out });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`jig ui exited ${code}: ${err}`));
    });
  });
}

describe("jig ui (e2e)", () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = createTempRepo("jig-e2e-ui-");
    seedDashboardStore(repo.dir, { runs: 60, findingsPerRun: 4, evalRuns: 2, approvals: 4 });
  });
  afterAll(() => repo.cleanup());

  it("serves the runs page on a free port, prints one line, and exits 0 on SIGTERM", async () => {
    const { child, url, line } = await startUi(repo.dir, ["--port", "0"]);
    try {
      expect(line).toMatch(
        /^jig ui: serving http:\/\/127\.0\.0\.1:\d+\/ \(store: \.jig\/jig\.db\)\n$/,
      );
      const response = await fetch(`${url}runs`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      const text = await response.text();
      expect(text.match(/data-testid="run-row"/g)).toHaveLength(50);
      const asset = await fetch(`${url}assets/htmx.min.js`);
      expect(asset.status).toBe(200);
      expect((await asset.text()).length).toBeGreaterThan(10_000);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });

  it("refuses a non-local host without a token: exit 2, one line", () => {
    const result = runJig(["ui", "--host", "0.0.0.0", "--port", "0"], {
      cwd: repo.dir,
      env: { JIG_UI_TOKEN: "" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/--host 0\.0\.0\.0 .*--token/);
    expect(result.stdout).toBe("");
  });
});
