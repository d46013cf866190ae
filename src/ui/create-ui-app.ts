import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Context } from "hono";
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import {
  type Approval,
  ApprovalStateError,
  createApprovalStore,
} from "../agents/approval-store.js";
import { createAuditLog } from "../agents/audit-log.js";
import { decideApproval } from "../agents/decide-approval.js";
import { REPORT_SCHEMA } from "../contract/index.js";
import type { JigDatabase } from "../store/index.js";
import { writeTarget } from "./render-approval-content.js";
import type { AutonomyView } from "./render-autonomy.js";
import { renderAutonomy } from "./render-autonomy.js";
import {
  renderApprovalList,
  renderApprovals,
  renderAudit,
  renderLogin,
  renderTrends,
} from "./render-pages.js";
import {
  type Excerpts,
  excerptKey,
  renderCompare,
  renderRunDetail,
  renderRunList,
} from "./render-runs.js";
import { APP_CSS, APP_JS } from "./ui-assets.js";
import { h, layout } from "./ui-html.js";
import {
  type CatalogModel,
  cachedFilterChoices,
  getRunReport,
  listAudit,
  listRunPage,
  parseRunFilters,
  readTrends,
} from "./ui-queries.js";
import {
  bearerOf,
  csrfToken,
  hostAllowed,
  newSessionId,
  SECURITY_HEADERS,
  SESSION_COOKIE,
  safeEqual,
} from "./ui-security.js";

export interface Excerpt {
  start: number;
  lines: string[];
}

/** Everything the app reads or decides with; the command builds it (I/O at the edge). */
export interface UiDeps {
  db: JigDatabase;
  /** Shown in the header: the store file or the URL without password. */
  storeLabel: string;
  now: () => Date;
  /** Who decides approvals when nobody logged in by name: git user.email or the OS user. */
  identity: () => string | Promise<string>;
  /** When set, every request needs it (bearer header or a login session). */
  token?: string | undefined;
  /** The Host header values accepted (the bound host:port). */
  allowedHosts: () => readonly string[];
  approvalTtlMinutes: number;
  catalog: () => Promise<readonly CatalogModel[]>;
  autonomy: () => Promise<AutonomyView>;
  readExcerpt: (sha: string, file: string, line: number) => Promise<Excerpt | undefined>;
  /** A work-tree file's text (inside the repository only), for diffing a Write approval against. */
  readWorkFile?: (path: string) => Promise<string | undefined>;
  /** Files of the vendored browser libraries. */
  assets: { htmx: string; uplotJs: string; uplotCss: string };
}

interface Session {
  /** Set once a token login succeeded: the name the person gave. */
  name?: string;
}

type Env = { Variables: { session: string; user?: string; csrf: string } };

const MAX_SESSIONS = 10_000;
const VERIFY_TTL_MS = 5_000;

/**
 * The dashboard as a Hono app: pages and /api/v1 over the same queries.
 * Security lives in the middleware: headers on every response, a Host check
 * against DNS rebinding, token auth when configured, CSRF on every POST.
 */
export function createUiApp(deps: UiDeps): Hono<Env> {
  const app = new Hono<Env>();
  const secret = randomBytes(32);
  const sessions = new Map<string, Session>();
  const approvals = createApprovalStore(deps.db, { ttlMinutes: deps.approvalTtlMinutes });
  const audit = createAuditLog(deps.db);
  const auditHead = deps.db.prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
  // Verifying rehashes the whole chain: the answer is reused while the head
  // stays put, for a few seconds, so a busy page does not rehash per request.
  let verified: { key: string; at: number; result: ReturnType<typeof audit.verify> } | undefined;
  const verifyAudit = () => {
    const head = auditHead.get() as { seq: number; hash: string } | undefined;
    const key = head ? `${head.seq}:${head.hash}` : "empty";
    if (verified && verified.key === key && Date.now() - verified.at < VERIFY_TTL_MS)
      return verified.result;
    verified = { key, at: Date.now(), result: audit.verify() };
    return verified.result;
  };
  const filterChoices = cachedFilterChoices();
  const assetCache = new Map<string, string>();
  const asset = (path: string) => {
    let text = assetCache.get(path);
    if (text === undefined) {
      text = readFileSync(path, "utf8");
      assetCache.set(path, text);
    }
    return text;
  };

  const secure = (response: Response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
    return response;
  };

  app.use("*", async (c, next) => {
    await next();
    secure(c.res);
  });
  // The header middleware above still runs for these: hono hands it their responses.
  app.notFound((c) =>
    c.html(
      layout({
        title: "Not found",
        active: "",
        body: h`<p>No page at this address. <a href="/runs">Runs</a></p>`,
      }),
      404,
    ),
  );
  app.onError((error, c) => {
    if (process.env.JIG_DEBUG) console.error(error);
    return secure(c.text(`jig ui: internal error: ${error.message}`, 500));
  });

  app.use("*", async (c, next) => {
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (!hostAllowed(host, deps.allowedHosts())) {
      return c.text(
        "jig ui: this server answers only to the address it is bound to (Host header refused)",
        421,
      );
    }
    await next();
  });

  app.get("/assets/htmx.min.js", (c) => js(c, asset(deps.assets.htmx)));
  app.get("/assets/uPlot.iife.min.js", (c) => js(c, asset(deps.assets.uplotJs)));
  app.get("/assets/uPlot.min.css", (c) => css(c, asset(deps.assets.uplotCss)));
  app.get("/assets/app.js", (c) => js(c, APP_JS));
  app.get("/assets/app.css", (c) => css(c, APP_CSS));

  // Every visitor gets a session id (HttpOnly, SameSite=Strict): it keys the
  // CSRF token, and with a token configured it carries the login.
  app.use("*", async (c, next) => {
    let id = getCookie(c, SESSION_COOKIE);
    if (!id || !sessions.has(id)) {
      id = newSessionId();
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
      sessions.set(id, {});
      setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: "Strict", path: "/" });
    }
    c.set("session", id);
    c.set("csrf", csrfToken(secret, id));
    const name = sessions.get(id)?.name;
    if (name) c.set("user", name);
    await next();
  });

  app.use("*", async (c, next) => {
    if (c.req.method !== "POST") return next();
    const body = await c.req.parseBody();
    const sent = typeof body.csrf === "string" ? body.csrf : "";
    if (!sent || !safeEqual(sent, c.get("csrf"))) {
      return c.text("jig ui: missing or wrong CSRF token; reload the page and try again", 403);
    }
    await next();
  });

  app.get("/login", (c) =>
    c.html(layout({ title: "Log in", active: "", body: renderLogin(c.get("csrf")) })),
  );
  app.post("/login", async (c) => {
    const body = await c.req.parseBody();
    const token = typeof body.token === "string" ? body.token : "";
    const name = typeof body.name === "string" ? body.name.trim() : "";
    if (!deps.token) return c.redirect("/runs", 303);
    if (!name || !safeEqual(token, deps.token)) {
      return c.html(
        layout({
          title: "Log in",
          active: "",
          body: renderLogin(c.get("csrf"), "Wrong token, or no name given."),
        }),
        401,
      );
    }
    // A fresh session id on login, so a planted cookie cannot ride the login.
    sessions.delete(c.get("session"));
    const id = newSessionId();
    sessions.set(id, { name });
    setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: "Strict", path: "/" });
    return c.redirect("/runs", 303);
  });

  app.use("*", async (c, next) => {
    if (!deps.token) return next();
    const bearer = bearerOf(c.req.header("authorization"));
    if ((bearer && safeEqual(bearer, deps.token)) || c.get("user")) return next();
    if (c.req.path.startsWith("/api/")) {
      return c.json(
        { error: "unauthorized: send Authorization: Bearer <token> or log in at /login" },
        401,
      );
    }
    return c.redirect("/login", 302);
  });

  const page = (
    c: Context<Env>,
    title: string,
    active: string,
    body: unknown,
    charts = false,
    status = 200,
  ) => c.html(layout({ title, active, body, charts, store: deps.storeLabel }), status as 200);

  app.get("/", (c) => c.redirect("/runs", 302));

  app.get("/runs", (c) => {
    const runs = listRunPage(
      deps.db,
      parseRunFilters(c.req.query()),
      Number(c.req.query("page") ?? 1),
    );
    return page(c, "Runs", "/runs", renderRunList(runs, filterChoices(deps.db)));
  });
  app.get("/runs/compare", (c) => {
    const a = getRunReport(deps.db, c.req.query("a") ?? "");
    const b = getRunReport(deps.db, c.req.query("b") ?? "");
    if (!a || !b)
      return page(
        c,
        "Compare runs",
        "/runs",
        h`<p>Give two finished runs: <code>/runs/compare?a=ID&amp;b=ID</code>.</p>`,
        false,
        404,
      );
    return page(c, "Compare runs", "/runs", renderCompare(a, b));
  });
  app.get("/runs/:id", async (c) => {
    const report = getRunReport(deps.db, c.req.param("id"));
    if (!report)
      return page(
        c,
        "Run not found",
        "/runs",
        h`<p>No finished run ${c.req.param("id")}. <a href="/runs">All runs</a></p>`,
        false,
        404,
      );
    const excerpts: Excerpts = new Map();
    await Promise.all(
      report.findings.slice(0, 200).map(async (finding) => {
        if (!finding.file || !finding.line) return;
        const key = excerptKey(finding.file, finding.line);
        if (excerpts.has(key)) return;
        excerpts.set(key, undefined);
        excerpts.set(key, await deps.readExcerpt(report.range.head, finding.file, finding.line));
      }),
    );
    return page(c, `Run ${report.run.id}`, "/runs", renderRunDetail(report, excerpts));
  });

  app.get("/trends", async (c) =>
    page(c, "Trends", "/trends", renderTrends(readTrends(deps.db, await deps.catalog())), true),
  );

  const approvalState = () => {
    const now = deps.now();
    const pending = approvals.list(now, { status: "pending" });
    const version = createHash("sha256")
      .update(pending.map((a) => a.id).join(","))
      .digest("hex")
      .slice(0, 16);
    return { pending, version, now };
  };
  // The work tree's text of each pending Write's target: its approval shows a diff against it.
  const currentFiles = async (pending: readonly Approval[]) => {
    const files = new Map<string, string>();
    const read = deps.readWorkFile;
    if (!read) return files;
    await Promise.all(
      pending.map(async (approval) => {
        const path = writeTarget(approval);
        const text = path === undefined ? undefined : await read(path);
        if (text !== undefined) files.set(approval.id, text);
      }),
    );
    return files;
  };
  app.get("/approvals", async (c) => {
    const { pending, version, now } = approvalState();
    const decided = approvals
      .list(now)
      .filter((a) => a.status !== "pending")
      .slice(0, 20);
    const message = c.req.query("done");
    return page(
      c,
      "Approvals",
      "/approvals",
      renderApprovals(
        pending,
        decided,
        version,
        c.get("csrf"),
        await currentFiles(pending),
        message,
      ),
    );
  });
  app.get("/approvals/list", async (c) => {
    const { pending, version } = approvalState();
    // Unchanged queue: 204, and htmx leaves the page (and a half-typed reason) alone.
    if (c.req.query("v") === version) return c.body(null, 204);
    return c.html(renderApprovalList(pending, version, c.get("csrf"), await currentFiles(pending)));
  });
  for (const decision of ["approve", "deny"] as const) {
    app.post(`/approvals/:id/${decision}`, async (c) => {
      const body = await c.req.parseBody();
      const reason = typeof body.reason === "string" ? body.reason.trim() : "";
      const id = c.req.param("id");
      if (!reason) {
        return page(
          c,
          "Approvals",
          "/approvals",
          h`<p role="alert">A reason is required to ${decision} ${id}. <a href="/approvals">Back to approvals</a></p>`,
          false,
          400,
        );
      }
      const actor = c.get("user") ?? (await deps.identity());
      const now = deps.now();
      try {
        decideApproval(
          { approvals, audit },
          { id, decision, at: now, actor, reason, adapter: "ui" },
        );
      } catch (error) {
        if (error instanceof ApprovalStateError) {
          return page(
            c,
            "Approvals",
            "/approvals",
            h`<p role="alert">${error.message}. <a href="/approvals">Back to approvals</a></p>`,
            false,
            409,
          );
        }
        throw error;
      }
      return c.redirect(
        `/approvals?done=${encodeURIComponent(`${id} ${decision === "approve" ? "approved" : "denied"} by ${actor}`)}`,
        303,
      );
    });
  }

  const auditFilters = (c: Context<Env>) => {
    const agent = c.req.query("agent")?.trim();
    const decision = c.req.query("decision")?.trim();
    return { ...(agent ? { agent } : {}), ...(decision ? { decision } : {}) };
  };
  app.get("/audit", (c) => {
    const filters = auditFilters(c);
    return page(
      c,
      "Audit log",
      "/audit",
      renderAudit(listAudit(deps.db, filters), verifyAudit(), filters),
    );
  });

  app.get("/autonomy", async (c) =>
    page(c, "Autonomy", "/autonomy", renderAutonomy(await deps.autonomy())),
  );

  const api = { schema: "jig.ui/v1", reportSchema: REPORT_SCHEMA };
  app.get("/api/v1/runs", (c) =>
    c.json({
      ...api,
      ...listRunPage(deps.db, parseRunFilters(c.req.query()), Number(c.req.query("page") ?? 1)),
    }),
  );
  // Registered before /runs/:id, which would take "filters" for a run id.
  app.get("/api/v1/runs/filters", (c) => c.json({ ...api, ...filterChoices(deps.db) }));
  app.get("/api/v1/runs/:id", (c) => {
    const report = getRunReport(deps.db, c.req.param("id"));
    return report ? c.json(report) : c.json({ error: `no finished run ${c.req.param("id")}` }, 404);
  });
  app.get("/api/v1/trends", async (c) =>
    c.json({ ...api, ...readTrends(deps.db, await deps.catalog()) }),
  );
  app.get("/api/v1/approvals", (c) => {
    const { pending, version } = approvalState();
    return c.json({ ...api, version, pending });
  });
  app.get("/api/v1/audit", (c) => {
    const verification = verifyAudit();
    return c.json({ ...api, verification, entries: listAudit(deps.db, auditFilters(c)) });
  });
  app.get("/api/v1/autonomy", async (c) => c.json({ ...api, ...(await deps.autonomy()) }));

  return app;
}

function js(c: Context, text: string) {
  c.header("Content-Type", "text/javascript; charset=utf-8");
  return c.body(text);
}

function css(c: Context, text: string) {
  c.header("Content-Type", "text/css; charset=utf-8");
  return c.body(text);
}
