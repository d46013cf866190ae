import { existsSync } from "node:fs";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
} from "playwright-core";

/** Debian's chromium package; scripts/test.sh installs it when missing. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Flags for a quiet headless run on a shared CI machine: no sandbox (CI runs
 * as root in a container), no GPU, and nothing that phones home or updates
 * itself mid-test. No --user-data-dir: playwright gives each launch a fresh one.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Launch Debian's headless Chromium through playwright-core. Throws one clear
 * line when the binary is missing, rather than playwright's long hint about
 * `npx playwright install`, which does not apply here.
 *
 * @example
 * const browser = await launchChromium();
 * const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
 */
export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install it with 'apt-get install -y chromium' (scripts/test.sh does this in CI)`,
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** One browser for a test file, and a fresh context (cookies, storage) per test. */
export interface ChromiumSession {
  /** The file's browser; throws if asked for before `start()` ran. */
  browser(): Browser;
  /** A new, isolated context; closed by `stop()` if the test did not close it. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A browser shared by one test file. Call `start()` in `beforeAll` and
 * `stop()` in `afterAll`; each test takes its own context, so cookies and
 * init scripts never leak from one test into the next.
 */
export function createChromiumSession(): ChromiumSession {
  let browser: Browser | undefined;
  const contexts = new Set<BrowserContext>();
  return {
    browser() {
      if (!browser) throw new Error("start the Chromium session in beforeAll first");
      return browser;
    },
    async newContext(options) {
      if (!browser) throw new Error("start the Chromium session in beforeAll first");
      const context = await browser.newContext(options);
      contexts.add(context);
      context.on("close", () => contexts.delete(context));
      return context;
    },
    async start() {
      browser ??= await launchChromium();
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      browser = undefined;
    },
  };
}
