/**
 * Strings an adversary can put into anything jig shows: finding messages, file
 * paths, spec titles, commit messages, eval output, audit entries. Each one
 * that manages to run tries to set `window.__pwned`, so a browser test checks
 * that flag (and listens for CSP violations) after rendering them.
 *
 * Kept as data so the server's escaping tests and the browser tests share one
 * list; add a payload here and both run it.
 */
export interface HostilePayload {
  /** A short name for test output. */
  name: string;
  /** The text as stored. */
  text: string;
}

/** A token with no spaces, long enough to break a layout that does not wrap. */
const LONG_TOKEN = `a${"x".repeat(4096)}z`;

export const HOSTILE_PAYLOADS: readonly HostilePayload[] = [
  { name: "script tag", text: "<script>window.__pwned=1</script>" },
  { name: "img onerror", text: '<img src=x onerror="window.__pwned=1">' },
  { name: "javascript: URL", text: "javascript:window.__pwned=1" },
  { name: "javascript: URL, mixed case and padded", text: " JaVaScRiPt:window.__pwned=1" },
  { name: "svg onload", text: "<svg onload=window.__pwned=1>" },
  {
    name: "iframe srcdoc",
    text: '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  },
  { name: "angular-style template", text: "{{constructor.constructor('window.__pwned=1')()}}" },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder is the payload
  { name: "template literal", text: "${window.__pwned=1}" },
  { name: "ERB template", text: "<%= 7*7 %>" },
  { name: "attribute breakout into script", text: '"><script>window.__pwned=1</script>' },
  { name: "single-quote attribute breaker", text: "' onmouseover='window.__pwned=1' x='" },
  { name: "double-quote attribute breaker", text: '" autofocus onfocus="window.__pwned=1' },
  { name: "closing textarea", text: "</textarea><script>window.__pwned=1</script>" },
  { name: "JSON script breakout", text: "</script><script>window.__pwned=1</script>" },
  { name: "bidi override", text: "src/\u202Etxt.exe" },
  { name: "zero-width characters", text: "ad\u200Bmin\uFEFF.ts" },
  { name: "very long token", text: LONG_TOKEN },
  {
    name: "HTML entities",
    text: "&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp; &#x3C;b&#x3E;",
  },
];

/** The payload texts alone, in the shape `seedDashboardStore({ payloads })` takes. */
export const HOSTILE_PAYLOAD_TEXTS: readonly string[] = HOSTILE_PAYLOADS.map(
  (payload) => payload.text,
);
