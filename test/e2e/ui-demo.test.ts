// biome-ignore-all lint/performance/useDomNodeTextContent: the tests read the text a person sees, which is innerText
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChromiumSession } from "../../src/test-support/launch-chromium.js";
import { type JigUiServer, startJigUi } from "./jig-ui-server.js";
import { JIG_BIN, runJig } from "./run-jig.js";
import { artifactPath, DESKTOP, testId } from "./ui-browser-support.js";

/**
 * Issue #17's "done when": `jig demo --keep`, then `jig ui` in the kept
 * repository, shows the demo's runs. Every run here comes from a real
 * `jig check` the demo made; nothing is seeded.
 */
describe("jig ui on the repository jig demo --keep leaves (e2e)", () => {
  const chromium = createChromiumSession();
  let kept: string | undefined;
  let server: JigUiServer | undefined;
  /** "pass", "fail", … per demo change, in the order the demo ran them. */
  let demoVerdicts: string[] = [];

  beforeAll(async () => {
    const browser = chromium.start();
    // The demo takes ~25 s alone; allow for a loaded machine (runJig stops at 60 s).
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
    delete env.JIG_DEBUG;
    delete env.JIG_SPEC;
    const demo = spawnSync(process.execPath, [JIG_BIN, "demo", "--keep"], {
      cwd: tmpdir(),
      env,
      encoding: "utf8",
      timeout: 150_000,
    });
    expect(demo.status, demo.stderr).toBe(0);
    kept = /^kept (\S+): cd there/m.exec(demo.stdout)?.[1];
    expect(kept, demo.stdout.slice(-2000)).toBeDefined();
    demoVerdicts = [
      ...demo.stdout.matchAll(/^ {2}✓ Change \d+: .*: (pass|fail|needs-human) \(exit \d\)$/gm),
    ].map((match) => match[1] as string);
    const [started] = await Promise.all([startJigUi(kept as string, ["--port", "0"]), browser]);
    server = started;
  }, 200_000);

  afterAll(async () => {
    await chromium.stop();
    const code = await server?.stop();
    if (kept) rmSync(kept, { recursive: true, force: true });
    expect(code ?? 0).toBe(0);
  });

  it("the runs page lists exactly the demo's nine runs, with their verdicts", async () => {
    expect(demoVerdicts).toHaveLength(9);
    // The store as jig itself reads it.
    const listed = runJig(["runs", "list", "--format", "json"], { cwd: kept as string });
    expect(listed.code, listed.stderr).toBe(0);
    const stored = JSON.parse(listed.stdout) as Array<{ id: string; outcome: string }>;
    expect(stored).toHaveLength(9);

    const context = await chromium.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto((server as JigUiServer).url);
    expect(new URL(page.url()).pathname).toBe("/runs");
    const rows = page.locator(testId("run-row"));
    const ids = await rows.evaluateAll((nodes) =>
      nodes.map((node) => node.getAttribute("data-run-id")),
    );
    const verdicts = (
      await page.locator(`${testId("run-row")} ${testId("run-verdict")}`).allInnerTexts()
    ).map((text) => text.trim());
    // Newest first: the demo's last change heads the list.
    expect(ids).toEqual(stored.map((run) => run.id));
    expect(verdicts).toEqual([...demoVerdicts].reverse());
    expect(verdicts).toEqual(stored.map((run) => run.outcome));
    await expect(page.locator("main").innerText()).resolves.toContain("9 runs · page 1 of 1");
    await page.screenshot({ path: artifactPath("runs-demo"), fullPage: true });
    await context.close();
  });
});
