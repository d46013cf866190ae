import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/** One axe-core violation, trimmed to what a person needs to fix it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending nodes (first few), with axe's summary of each. */
  nodes: { target: string; summary: string }[];
}

/** The impacts that fail a page: axe's `serious` and `critical`. */
const FAILING_IMPACTS = new Set(["serious", "critical"]);

let axeSource: string | undefined;

/** axe-core's browser bundle, read once from node_modules. */
function readAxeSource(): string {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  }
  return axeSource;
}

/**
 * Run axe-core on the page as it is and return its violations of impact
 * `serious` or `critical`. The source goes in through the DevTools protocol,
 * which the page's Content-Security-Policy does not govern (a `<script>` tag would be
 * blocked by `script-src 'self'`), so the server's CSP stays on while axe runs.
 *
 * @example
 * expect(formatAxeViolations(await findAxeViolations(page))).toBe("");
 */
export async function findAxeViolations(page: Page): Promise<AxeViolation[]> {
  const source = readAxeSource();
  // A string goes to the page as a script through the DevTools protocol, which
  // CSP does not govern; eval() inside the page would be blocked (no 'unsafe-eval').
  if (!(await page.evaluate(() => Object.hasOwn(globalThis, "axe")))) await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    // This runs in the page, where axe is a global defined by the injected bundle.
    // biome-ignore lint/suspicious/noExplicitAny: axe ships no types for its global
    const scope = globalThis as any;
    const result = await scope.axe.run(scope.document, { resultTypes: ["violations"] });
    // biome-ignore lint/suspicious/noExplicitAny: axe's result objects, mapped to plain data here
    return result.violations.map((violation: any) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      // biome-ignore lint/suspicious/noExplicitAny: as above
      nodes: violation.nodes.slice(0, 5).map((node: any) => ({
        target: node.target.join(" "),
        summary: String(node.failureSummary ?? "").replace(/\s+/g, " "),
      })),
    }));
  });
  return (violations as AxeViolation[]).filter((violation) =>
    FAILING_IMPACTS.has(violation.impact ?? ""),
  );
}

/** Violations as readable lines for a failing assertion; "" when there are none. */
export function formatAxeViolations(violations: readonly AxeViolation[], where = ""): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    ${node.target}: ${node.summary}`).join("\n");
      return `${where ? `${where}: ` : ""}${violation.impact} ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes}`;
    })
    .join("\n");
}
