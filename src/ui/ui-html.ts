import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

// Bidi overrides and isolates can make text read differently than it is
// (Trojan Source); zero-width characters hide in names. Shown as code points.
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Text with invisible and direction-changing characters made visible as `⟦U+202E⟧`. */
export function visible(text: string): string {
  return text.replace(
    INVISIBLE,
    (c) => `⟦U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}⟧`,
  );
}

function clean(value: unknown): unknown {
  if (typeof value === "string") return visible(value);
  if (Array.isArray(value)) return value.map(clean);
  return value;
}

/**
 * hono's `html` tag (every interpolated string is HTML-escaped) that also
 * makes invisible characters visible. Every page is built with it; store
 * content never goes through `raw()`.
 */
export function h(strings: TemplateStringsArray, ...values: unknown[]): HtmlEscapedString {
  return html(strings, ...values.map(clean)) as HtmlEscapedString;
}

/** A link target inside the dashboard: a fixed path plus encoded parts, never a URL from data. */
export function href(
  path: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export const NAV = [
  { path: "/runs", label: "Runs" },
  { path: "/trends", label: "Trends" },
  { path: "/approvals", label: "Approvals" },
  { path: "/audit", label: "Audit" },
  { path: "/autonomy", label: "Autonomy" },
] as const;

/** The page shell: nav to all five pages, one `<main>`, one `<h1>`, no inline script or style. */
export function layout(options: {
  title: string;
  active: string;
  body: unknown;
  charts?: boolean;
  store?: string;
}): HtmlEscapedString {
  return h`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}'>
<title>${options.title} · jig</title>
<link rel="stylesheet" href="/assets/app.css">
${options.charts ? h`<link rel="stylesheet" href="/assets/uPlot.min.css">` : ""}
<script src="/assets/htmx.min.js" defer></script>
${options.charts ? h`<script src="/assets/uPlot.iife.min.js" defer></script>` : ""}
<script src="/assets/app.js" defer></script>
</head>
<body>
<header class="top">
<span class="brand">jig</span>
<nav aria-label="Dashboard">
<ul>
${NAV.map(
  (item) =>
    h`<li><a href="${item.path}"${item.path === options.active ? h` aria-current="page"` : ""}>${item.label}</a></li>`,
)}
</ul>
</nav>
${options.store ? h`<span class="store">store: ${options.store}</span>` : ""}
</header>
<main>
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>`;
}

export function verdictBadge(outcome: string | undefined): HtmlEscapedString {
  const text = outcome ?? "unfinished";
  return h`<span class="verdict verdict-${text}" data-testid="run-verdict">${text}</span>`;
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return "–";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatTime(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d{3}Z$/, "Z");
}
