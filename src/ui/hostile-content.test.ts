import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededDashboard, seedDashboardStore } from "../test-support/seed-dashboard-store.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { createUiTestApp, type UiTestApp } from "../test-support/ui-test-app.js";
import { visible } from "./ui-html.js";

/** What code under review might put in a finding, a path, a spec title or an audit record. */
const PAYLOADS = [
  "<script>window.__pwned=1</script>",
  '<img src=x onerror="window.__pwned=1">',
  "javascript:window.__pwned=1",
  '<svg onload="window.__pwned=1"><script>window.__pwned=1</script></svg>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose
  "{{7*7}} ${7*7} <%= 7*7 %>",
  'src/\u202Eevil\u202C.ts" onmouseover="window.__pwned=1',
  "admin\u200B@example.com</textarea><script>window.__pwned=1</script>",
  "</script><script>window.__pwned=1</script>",
];

let repo: TempRepo;
let seeded: SeededDashboard;
let ui: UiTestApp;
const NOW = new Date("2026-11-30T12:00:00Z");

beforeAll(() => {
  repo = createTempRepo("jig-ui-hostile-");
  seeded = seedDashboardStore(repo.dir, {
    runs: 30,
    findingsPerRun: 8,
    evalRuns: 3,
    approvals: 6,
    payloads: PAYLOADS,
    now: NOW,
  });
  ui = createUiTestApp(repo.dir, { now: NOW });
});
afterAll(() => {
  ui.close();
  repo.cleanup();
});

const TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
const ALLOWED_TAGS = new Set(
  "html head meta title link script body header span nav ul li a main h1 h2 h3 p form label select option input button div table caption thead tbody tr th td section strong article pre br figure figcaption dl dt dd textarea small details summary code svg g rect text".split(
    " ",
  ),
);

/**
 * Every real tag of a page (text is escaped, so a raw `<` starts a tag) must
 * be one the templates write, with no event handler, no `javascript:` URL and
 * no inline script: whatever the data held stayed text.
 */
function foreignMarkup(text: string): string[] {
  const problems: string[] = [];
  for (const [tag, name, attributes] of text.matchAll(TAG)) {
    const lower = (name as string).toLowerCase();
    if (!ALLOWED_TAGS.has(lower)) problems.push(tag);
    for (const [, attribute, value] of (attributes ?? "").matchAll(ATTRIBUTE)) {
      const attr = (attribute as string).toLowerCase();
      const unquoted = (value ?? "")
        .replace(/^["']|["']$/g, "")
        .trim()
        .toLowerCase();
      if (attr.startsWith("on") || attr === "style") problems.push(tag);
      if (
        (attr === "href" || attr === "src" || attr === "action" || attr === "formaction") &&
        !unquoted.startsWith("/")
      )
        problems.push(tag);
    }
    if (lower === "script" && !/^<script src="\/assets\/[\w.]+\.js"( defer)?>$/.test(tag))
      problems.push(tag);
  }
  // Nothing that looks like markup may survive outside a tag the templates wrote.
  const stripped = text.replace(TAG, "");
  if (
    /<[a-zA-Z!/]/.test(stripped.replace(/<\/[a-zA-Z][\w-]*>/g, "").replace(/<!doctype html>/i, ""))
  )
    problems.push("unparsed markup");
  return problems;
}

describe("hostile content from the store", () => {
  const paths = () => [
    "/runs",
    `/runs/${seeded.runWithFindings}`,
    `/runs/compare?a=${seeded.runIds[0]}&b=${seeded.runIds[1]}`,
    "/trends",
    "/approvals",
    "/audit",
    "/autonomy",
  ];

  it("is escaped on every page: no markup, handler or javascript: link from data", async () => {
    for (const path of paths()) {
      const response = await ui.request(path);
      expect(response.status, path).toBe(200);
      const text = await response.text();
      expect(foreignMarkup(text), path).toEqual([]);
      expect(text).not.toContain("window.__pwned=1</script>");
    }
  });

  it("shows the payloads as text, with bidi and zero-width characters made visible", async () => {
    const detail = await (await ui.request(`/runs/${seeded.runWithFindings}`)).text();
    expect(detail).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    expect(detail).toContain("{{7*7}}");
    expect(detail).toContain("⟦U+202E⟧");
    expect(detail).not.toMatch(/[\u202A-\u202E\u200B]/);
    const approvals = await (await ui.request("/approvals")).text();
    expect(approvals).toContain("⟦U+200B⟧");
    expect(approvals).toContain("&lt;/textarea&gt;");
  });

  it("keeps the JSON API exact (it is data, not markup)", async () => {
    const report = (await (await ui.request(`/api/v1/runs/${seeded.runWithFindings}`)).json()) as {
      findings: Array<{ message: string }>;
    };
    expect(PAYLOADS).toContain(report.findings[0]?.message);
  });

  it("makes direction and zero-width characters visible", () => {
    expect(visible("a\u202Eb\u200Bc\uFEFF")).toBe("a⟦U+202E⟧b⟦U+200B⟧c⟦U+FEFF⟧");
  });
});
