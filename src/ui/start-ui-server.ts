import { existsSync } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { userInfo } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { getRequestListener as getRequestListenerType } from "@hono/node-server";
import type { LevelReport } from "../autonomy/assess-level.js";
import { loadConfig } from "../config/index.js";
import { resolveStorePath } from "../core/index.js";
import { packageRoot } from "../core/package-root.js";
import { runGitResult, tryGit } from "../git/index.js";
import { describeStoreTarget, openStoreDatabase, resolveStoreUrl } from "../store/index.js";
import type { Excerpt } from "./create-ui-app.js";
import type { AutonomyView } from "./render-autonomy.js";
import type { CatalogModel } from "./ui-queries.js";
import { allowedHosts, SECURITY_HEADERS } from "./ui-security.js";

export interface StartUiOptions {
  root: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  host: string;
  port: number;
  token?: string | undefined;
  now: () => Date;
  /** The Dark Factory level, assessed by the caller (`jig level`'s evidence reader). */
  assessLevel: () => Promise<LevelReport>;
}

export interface RunningUi {
  url: string;
  store: string;
  close(): Promise<void>;
}

const LEVEL_TTL_MS = 60_000;
const EXCERPT_CONTEXT = 3;
const MAX_WORK_FILE_BYTES = 1_000_000;

/**
 * Open the store, build the app and listen. Resolves once the port is bound,
 * with the URL actually served (`port: 0` picks a free one).
 */
export async function startUiServer(options: StartUiOptions): Promise<RunningUi> {
  const { root, env } = options;
  const { config } = await loadConfig(root, { cwd: options.cwd });
  const target = {
    path: resolveStorePath(root, config.store.path),
    url: resolveStoreUrl(config.store.url, env),
  };
  const db = openStoreDatabase(target);
  const store = target.url
    ? describeStoreTarget(target)
    : relative(options.cwd, target.path) || target.path;

  let catalog: Promise<CatalogModel[]> | undefined;
  const readCatalog = async (): Promise<CatalogModel[]> => {
    const { loadCatalog } = await import("../failures/load-catalog.js");
    const loaded = await loadCatalog({ repoRoot: root, config, cwd: options.cwd });
    return loaded.entries.map((entry) => ({ id: entry.id, domain: entry.domain }));
  };

  let level: { at: number; report?: LevelReport; error?: string } | undefined;
  const readLevel = async () => {
    if (level && Date.now() - level.at < LEVEL_TTL_MS) return level;
    try {
      level = { at: Date.now(), report: await options.assessLevel() };
    } catch (error) {
      level = { at: Date.now(), error: (error as Error).message };
    }
    return level;
  };

  const autonomy = async (): Promise<AutonomyView> => {
    const { readAutonomyView } = await import("./read-autonomy-view.js");
    return readAutonomyView({
      root,
      db,
      domains: Object.keys(config.domains),
      now: options.now(),
      level: readLevel,
    });
  };

  const excerpts = new Map<string, Promise<string[] | undefined>>();
  const readExcerpt = async (
    sha: string,
    file: string,
    line: number,
  ): Promise<Excerpt | undefined> => {
    if (!/^[0-9a-f]{7,64}$/.test(sha) || file.startsWith("-")) return undefined;
    const key = `${sha}:${file}`;
    let lines = excerpts.get(key);
    if (!lines) {
      lines = runGitResult(["show", `${sha}:${file}`], root).then(
        (result) => (result.exitCode === 0 ? result.stdout.split("\n") : undefined),
        () => undefined,
      );
      if (excerpts.size > 500) excerpts.clear();
      excerpts.set(key, lines);
    }
    const all = await lines;
    if (!all || line > all.length) return undefined;
    const start = Math.max(1, line - EXCERPT_CONTEXT);
    return { start, lines: all.slice(start - 1, Math.min(all.length, line + EXCERPT_CONTEXT)) };
  };

  // A Write's target as the work tree has it, for the approval's diff. The
  // path comes from an agent's call: it must resolve (symlinks too) inside
  // the repository, to a regular file of modest size.
  const realRoot = realpath(root).catch(() => root);
  const readWorkFile = async (path: string): Promise<string | undefined> => {
    try {
      const base = await realRoot;
      const target = await realpath(resolve(base, path));
      const inside = relative(base, target);
      if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) return undefined;
      if (inside === ".git" || inside.startsWith(".git/")) return undefined;
      const info = await stat(target);
      if (!info.isFile() || info.size > MAX_WORK_FILE_BYTES) return undefined;
      return await readFile(target, "utf8");
    } catch {
      return undefined;
    }
  };

  let port = options.port;
  const identity = (async () =>
    env.JIG_ACTOR?.trim() ||
    (await tryGit(["config", "user.email"], root))?.trim() ||
    safeUser())();
  // The socket listens first and the app (hono, the stores) loads behind it:
  // a request that arrives meanwhile waits for it instead of being refused.
  let listener: Promise<ReturnType<typeof getRequestListenerType>> | undefined;
  const loadApp = async () => {
    const [{ createUiApp }, { getRequestListener }] = await Promise.all([
      import("./create-ui-app.js"),
      import("@hono/node-server"),
    ]);
    const app = createUiApp({
      db,
      storeLabel: store,
      now: options.now,
      identity: () => identity,
      token: options.token,
      allowedHosts: () => allowedHosts(options.host, port),
      approvalTtlMinutes: config.agents.approvalTtlMinutes,
      catalog: () => {
        catalog ??= readCatalog().catch(() => []);
        return catalog;
      },
      autonomy,
      readExcerpt,
      readWorkFile,
      assets: {
        htmx: vendorFile("htmx.org", "dist/htmx.min.js"),
        uplotJs: vendorFile("uplot", "dist/uPlot.iife.min.js"),
        uplotCss: vendorFile("uplot", "dist/uPlot.min.css"),
      },
    });
    return getRequestListener(app.fetch);
  };
  const ready = () => {
    listener ??= loadApp();
    return listener;
  };
  const server = createServer((request, response) => {
    ready().then(
      (listen) => listen(request, response),
      (error: Error) => {
        response.writeHead(500, {
          "Content-Type": "text/plain; charset=utf-8",
          ...SECURITY_HEADERS,
        });
        response.end(`jig ui: the dashboard failed to load: ${error.message}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      const address = server.address();
      if (address && typeof address === "object") port = address.port;
      resolve();
    });
  });
  // Loaded right after the serving line, before any request needs it.
  setImmediate(() => ready().catch(() => {}));
  // Assessed in the background once listening, so the first visit to
  // /autonomy does not wait for git, and start-up does not either.
  setTimeout(() => void readLevel(), 200).unref();
  const shownHost = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        // Keep-alive connections from a browser would hold close() open.
        server.closeAllConnections();
      }),
  };
}

/**
 * A file of a dependency: in jig's own node_modules, or hoisted into a parent
 * one when jig is installed as a package.
 */
function vendorFile(name: string, file: string): string {
  let dir = packageRoot();
  for (;;) {
    const candidate = join(dir, "node_modules", name, file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return join(packageRoot(), "node_modules", name, file);
    dir = parent;
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
