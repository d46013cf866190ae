import { join } from "node:path";
import type { Hono } from "hono";
import { openJigDatabase } from "../store/sqlite-database.js";
import { createUiApp } from "../ui/create-ui-app.js";
import type { AutonomyView } from "../ui/render-autonomy.js";
import { allowedHosts } from "../ui/ui-security.js";

const ROOT = join(import.meta.dirname, "..", "..");

export interface UiTestApp {
  // biome-ignore lint/suspicious/noExplicitAny: the app's env type is internal to create-ui-app
  app: Hono<any>;
  /** GET or POST through `app.request` with the Host the app accepts and the session cookie kept. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** The CSRF token of the kept session (from a rendered form). */
  csrf(): Promise<string>;
  close(): void;
}

/**
 * The dashboard app over `<repoDir>/.jig/jig.db`, for `app.request()` tests:
 * no listening socket, a fixed clock and identity, and the vendored assets
 * from this checkout. Keeps cookies like a browser would.
 */
export function createUiTestApp(
  repoDir: string,
  options: { token?: string; now?: Date; identity?: string; autonomy?: AutonomyView } = {},
): UiTestApp {
  const db = openJigDatabase(join(repoDir, ".jig", "jig.db"));
  const now = options.now ?? new Date();
  const app = createUiApp({
    db,
    storeLabel: ".jig/jig.db",
    now: () => now,
    identity: () => options.identity ?? "tester@example.com",
    token: options.token,
    allowedHosts: () => allowedHosts("127.0.0.1", 4477),
    approvalTtlMinutes: 60 * 24,
    catalog: async () => [
      { id: "FM-SQL-001", domain: "sql" },
      { id: "FM-SECRETS-001", domain: "secrets" },
      { id: "FM-NEVER-001", domain: "never" },
    ],
    autonomy: async () =>
      options.autonomy ?? {
        status: { configured: false, agents: [], domains: [], classes: [] },
        levelError: "not assessed in this test",
      },
    readExcerpt: async (_sha, _file, line) => ({ start: line, lines: ["const excerpt = 1;"] }),
    assets: {
      htmx: join(ROOT, "node_modules", "htmx.org", "dist", "htmx.min.js"),
      uplotJs: join(ROOT, "node_modules", "uplot", "dist", "uPlot.iife.min.js"),
      uplotCss: join(ROOT, "node_modules", "uplot", "dist", "uPlot.min.css"),
    },
  });
  let cookie = "";
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has("host")) headers.set("host", "127.0.0.1:4477");
    if (cookie && !headers.has("cookie")) headers.set("cookie", cookie);
    const response = await app.request(path, { ...init, headers });
    const set = response.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0] as string;
    return response;
  };
  return {
    app,
    request,
    async csrf() {
      const text = await (await request("/login")).text();
      const match = /name="csrf" value="([^"]+)"/.exec(text);
      if (!match) throw new Error("no CSRF token in the login form");
      return match[1] as string;
    },
    close: () => db.close(),
  };
}
