// biome-ignore-all lint/performance/useDomNodeTextContent: the test reads the text a person sees, which is innerText (textContent would include JSON blocks)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_PAYLOADS } from "../../src/test-support/hostile-payloads.js";
import { createChromiumSession } from "../../src/test-support/launch-chromium.js";
import {
  type SeededDashboard,
  seedDashboardStore,
} from "../../src/test-support/seed-dashboard-store.js";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { type JigUiServer, startJigUi } from "./jig-ui-server.js";
import {
  artifactPath,
  DESKTOP,
  requestApproval,
  testId,
  writeAutonomyConfig,
} from "./ui-browser-support.js";

describe("jig ui with hostile content in a real browser (e2e)", () => {
  const chromium = createChromiumSession();
  let repo: TempRepo;
  let seeded: SeededDashboard;
  let server: JigUiServer;

  beforeAll(async () => {
    const browser = chromium.start();
    repo = createTempRepo("jig-e2e-ui-hostile-");
    writeAutonomyConfig(repo);
    // Every finding, path, spec title, commit message, eval output and audit
    // entry is drawn from the payloads.
    seeded = seedDashboardStore(repo.dir, {
      runs: 8,
      findingsPerRun: HOSTILE_PAYLOADS.length,
      evalRuns: 2,
      approvals: 6,
      payloads: HOSTILE_PAYLOADS.map((payload) => payload.text),
      seed: 3,
    });
    [server] = await Promise.all([startJigUi(repo.dir, ["--port", "0"]), browser]);
  });

  afterAll(async () => {
    await chromium.stop();
    await server?.stop();
    repo?.cleanup();
  });

  it("no payload runs, no CSP violation fires, links stay in the dashboard, and the payloads show as text", async () => {
    // No bypassCSP here: the server's own policy is part of what is tested.
    const context = await chromium.newContext({ viewport: DESKTOP });
    await context.addInitScript(() => {
      const scope = globalThis as unknown as {
        __violations: string[];
        addEventListener: (type: string, listener: (event: never) => void) => void;
      };
      scope.__violations = [];
      scope.addEventListener(
        "securitypolicyviolation",
        (event: { violatedDirective: string; blockedURI: string; sample: string }) => {
          scope.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
        },
      );
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const [a, b] = seeded.runIds;
    const paths = [
      "runs",
      `runs/${encodeURIComponent(seeded.runWithFindings)}`,
      `runs/compare?a=${encodeURIComponent(a as string)}&b=${encodeURIComponent(b as string)}`,
      "trends",
      "approvals",
      "audit",
      "autonomy",
    ];
    const origin = new URL(server.url).origin;
    let shown = "";
    /** Checks the page as it is; its text counts as shown only for dashboard pages (not /api JSON). */
    const check = async (where: string, collectText = true) => {
      // The load event comes after deferred scripts ran and images loaded or failed.
      await page.waitForLoadState("load");
      const state = await page.evaluate(() => {
        const scope = globalThis as unknown as {
          __pwned?: unknown;
          __violations: string[];
          document: {
            body: { innerText: string };
            querySelectorAll: (selector: string) => ArrayLike<{
              tagName: string;
              attributes: ArrayLike<{ name: string; value: string }>;
              getAttribute: (name: string) => string | null;
            }>;
          };
        };
        const elements = Array.from(scope.document.querySelectorAll("*"));
        return {
          pwned: scope.__pwned,
          violations: scope.__violations,
          text: scope.document.body.innerText,
          // Attributes a payload could only have smuggled in: event handlers, srcdoc.
          handlers: elements.flatMap((element) =>
            Array.from(element.attributes)
              .filter((attribute) => /^on|^srcdoc$/i.test(attribute.name))
              .map((attribute) => `${element.tagName} ${attribute.name}=${attribute.value}`),
          ),
          // The one SVG of jig's own (the trends page's bar chart) is allowed,
          // and may hold only the elements its template draws.
          injected: elements
            .filter((element) => /^(IFRAME|SVG|IMG|OBJECT|EMBED)$/i.test(element.tagName))
            .filter((element) => element.getAttribute("data-testid") !== "chart-findings")
            .map((element) => `${element.tagName} ${element.getAttribute("src") ?? ""}`),
          chartTags: Array.from(scope.document.querySelectorAll('[data-testid="chart-findings"] *'))
            .map((element) => element.tagName.toLowerCase())
            .filter((tag) => !["g", "title", "text", "rect"].includes(tag)),
          inlineScripts: elements
            .filter((element) => element.tagName === "SCRIPT")
            .filter((element) => {
              const type = element.getAttribute("type") ?? "";
              return !element.getAttribute("src") && type !== "application/json";
            }).length,
          hrefs: Array.from(scope.document.querySelectorAll("a[href], [action], [formaction]")).map(
            (element) =>
              element.getAttribute("href") ??
              element.getAttribute("action") ??
              element.getAttribute("formaction") ??
              "",
          ),
        };
      });
      expect(state.pwned, where).toBeUndefined();
      expect(state.violations, where).toEqual([]);
      expect(state.handlers, where).toEqual([]);
      expect(state.injected, where).toEqual([]);
      expect(state.chartTags, where).toEqual([]);
      expect(state.inlineScripts, where).toBe(0);
      for (const target of state.hrefs) {
        expect(new URL(target, page.url()).origin, `${where}: ${target}`).toBe(origin);
      }
      if (collectText) shown += `\n${state.text}`;
      return state.hrefs;
    };

    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      await check(`/${path}`);
      if (path.startsWith("runs/") && !path.startsWith("runs/compare")) {
        await page.screenshot({ path: artifactPath("hostile-run") });
      }
    }
    // A hostile request that arrives while the approvals page is open comes in
    // through htmx's swap, not the first render: check that path too.
    await page.goto(`${server.url}approvals`);
    const liveId = requestApproval(seeded.storePath, {
      kind: "call",
      agent: "coder",
      tool: "Write",
      callKey: "browser-test-hostile-live",
      summary: HOSTILE_PAYLOADS[0]?.text as string,
      input: JSON.stringify({
        tool: "Write",
        path: HOSTILE_PAYLOADS[1]?.text,
        content: HOSTILE_PAYLOADS.map((payload) => payload.text).join("\n"),
      }),
      reason: HOSTILE_PAYLOADS[4]?.text as string,
      policies: [HOSTILE_PAYLOADS[5]?.text as string],
    });
    await page
      .locator(`${testId("approval-item")}[data-approval-id="${liveId}"]`)
      .waitFor({ state: "visible", timeout: 10_000 });
    await check("approvals after a live update");

    // Hover every link and excerpt of the run (a smuggled onmouseover would fire),
    // then follow each link in its main and check where it lands.
    const runPath = `runs/${encodeURIComponent(seeded.runWithFindings)}`;
    await page.goto(`${server.url}${runPath}`);
    for (const element of await page.locator("main a:visible, main pre:visible").all()) {
      await element.hover();
    }
    await check(`/${runPath} after hovering`);
    const links = await page
      .locator("main a[href]")
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("href") as string));
    expect(links.length).toBeGreaterThan(0);
    for (const [index, href] of links.entries()) {
      await page.goto(`${server.url}${runPath}`);
      await page.locator("main a[href]").nth(index).click();
      await page.waitForLoadState("load");
      await check(
        `link ${href} from /${runPath}`,
        !new URL(page.url()).pathname.startsWith("/api/"),
      );
    }
    expect(dialogs).toEqual([]);

    // Every payload is on some page, as text: escaped, not dropped. Invisible and
    // direction-changing characters may be shown as their code points instead.
    // Not \s: it matches U+FEFF, one of the payloads.
    const normalize = (text: string) => text.replace(/[ \t\n\r\f\v\u00a0]+/g, " ").trim();
    const text = normalize(shown);
    const missing = HOSTILE_PAYLOADS.filter((payload) => {
      const raw = normalize(payload.text);
      const marked = raw.replace(
        /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g,
        (c) => `⟦U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}⟧`,
      );
      return !text.includes(raw) && !text.includes(marked);
    }).map((payload) => payload.name);
    expect(missing).toEqual([]);
    await context.close();
  });
});
