import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { type Context, type Document, OpenAPIBackend } from "openapi-backend";

/**
 * The operations jig's GitHub publishing calls, by path and method, exactly
 * as GitHub's OpenAPI description names them. The fake's definition is the
 * official one cut down to these (and every schema they reference), so it
 * loads in well under a second instead of compiling all of GitHub.
 */
const OPERATIONS: Record<string, string[]> = {
  "/repos/{owner}/{repo}/issues/{issue_number}/comments": ["get", "post"],
  "/repos/{owner}/{repo}/issues/comments/{comment_id}": ["patch"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments": ["get", "post"],
  "/repos/{owner}/{repo}/pulls/comments/{comment_id}": ["patch"],
  "/repos/{owner}/{repo}/pulls/{pull_number}/files": ["get"],
};

/** The largest issue comment body GitHub accepts, in characters. */
const MAX_BODY_CHARS = 65_536;

let definition: Document | undefined;

/**
 * GitHub's own description (`@octokit/openapi`), trimmed to {@link OPERATIONS}
 * with every `$ref` they reach copied verbatim. Parsed once per test file:
 * the full file is 13 MB.
 */
function officialDefinition(): Document {
  if (definition) return definition;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const full = JSON.parse(readFileSync(file, "utf8"));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(OPERATIONS)) {
    const item: Record<string, unknown> = {};
    for (const method of methods) {
      const operation = full.paths[path]?.[method];
      if (!operation) throw new Error(`GitHub's description has no ${method} ${path}`);
      item[method] = operation;
    }
    paths[path] = item;
  }
  const components: Record<string, Record<string, unknown>> = {};
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && !seen.has(value)) {
        seen.add(value);
        const [, , kind, name] = value.split("/");
        if (!kind || !name) throw new Error(`unexpected $ref ${value}`);
        const target = full.components[kind][name];
        components[kind] ??= {};
        components[kind][name] = target;
        visit(target);
      } else visit(value);
    }
  };
  visit(paths);
  definition = { openapi: full.openapi, info: full.info, paths, components } as Document;
  return definition;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
type Handler = (context: Context, url: URL) => Reply | Promise<Reply>;
type Handlers = Record<string, Handler>;

let started: Promise<OpenAPIBackend> | undefined;

/**
 * One validating backend per test file: ajv compiles each operation's
 * schemas on first use (about a second), so every fake server shares it and
 * passes its own handlers with each request.
 */
function backend(): Promise<OpenAPIBackend> {
  started ??= (async () => {
    const api = new OpenAPIBackend({
      definition: officialDefinition(),
      // The official description is valid; compiling only what is asked keeps start-up short.
      quick: true,
      ajvOpts: { logger: false, strict: false },
    });
    const route =
      (name: string) =>
      (context: Context, url: URL, handlers: Handlers): Reply | Promise<Reply> => {
        const handler = handlers[name];
        if (!handler) throw new Error(`the fake has no handler ${name}`);
        return handler(context, url);
      };
    const names = [
      ...OPERATION_IDS,
      "validationFail",
      "notFound",
      "methodNotAllowed",
      "notImplemented",
    ];
    api.register(Object.fromEntries(names.map((name) => [name, route(name)])));
    await api.init();
    return api;
  })();
  return started;
}

const OPERATION_IDS = [
  "issues/list-comments",
  "issues/create-comment",
  "issues/update-comment",
  "pulls/list-review-comments",
  "pulls/create-review-comment",
  "pulls/update-review-comment",
  "pulls/list-files",
];

export interface FakeFile {
  filename: string;
  /** A unified-diff patch as GitHub returns it (hunks only); absent for binary files. */
  patch?: string;
  status?: "added" | "modified" | "removed";
}

export interface FakeIssueComment {
  id: number;
  body: string;
}

export interface FakeReviewComment {
  id: number;
  body: string;
  path: string;
  line: number;
  commit_id: string;
}

/** One request as the fake saw it, for assertions on order, paging and retries. */
export interface FakeGithubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  operationId?: string;
  status: number;
}

/** A fault to answer the next matching requests with. */
export interface FakeFault {
  status: 403 | 429 | 502;
  /** `retry-after` seconds; omitted, a 403 is a permission error. */
  retryAfter?: number;
  /** Only requests with this method (e.g. POST); default any. */
  method?: string;
  /** How many requests to fail; default 1. */
  times?: number;
}

export interface FakeGithub {
  /** `http://127.0.0.1:<port>`: the GITHUB_API_URL. */
  url: string;
  owner: string;
  repo: string;
  pullNumber: number;
  /** The PR's head commit: review comments must be made on it. */
  headSha: string;
  files: FakeFile[];
  issueComments: FakeIssueComment[];
  reviewComments: FakeReviewComment[];
  requests: FakeGithubRequest[];
  /**
   * Requests the real API would reject: unknown paths, bodies or parameters
   * that fail GitHub's schema, comments off the diff. A test asserts it empty.
   */
  violations: string[];
  /** The token every request must carry. */
  token: string;
  /** Answer writes (POST/PATCH) with 403 "Resource not accessible by integration". */
  readOnly: boolean;
  fail(fault: FakeFault): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for api.github.com that checks every request against
 * GitHub's official OpenAPI description (openapi-backend over
 * `@octokit/openapi`), and its own successful answers against the response
 * schemas, keeps the state a pull request has (issue comments,
 * review comments, changed files), pages like GitHub (`per_page`, `page`,
 * `Link`), and can be told to rate-limit or to refuse writes.
 */
export async function startFakeGithub(options: {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  files?: FakeFile[];
}): Promise<FakeGithub> {
  const faults: Array<Required<Pick<FakeFault, "status" | "times">> & FakeFault> = [];
  let nextId = 1000;
  const state: FakeGithub = {
    url: "",
    owner: options.owner,
    repo: options.repo,
    pullNumber: options.pullNumber,
    headSha: options.headSha,
    files: options.files ?? [],
    issueComments: [],
    reviewComments: [],
    requests: [],
    violations: [],
    token: "fake-token",
    readOnly: false,
    fail(fault) {
      faults.push({ ...fault, times: fault.times ?? 1 });
    },
    close: async () => {},
  };

  const reject = (status: number, message: string): Reply => {
    return { status, body: { message, documentation_url: "https://docs.github.com/rest" } };
  };
  const violation = (context: Context, message: string): Reply => {
    const where = `${context.request.method.toUpperCase()} ${context.request.path}`;
    state.violations.push(`${where}: ${message}`);
    return reject(422, message);
  };
  const checkRepository = (context: Context): Reply | undefined => {
    const { owner, repo } = context.request.params;
    const number = context.request.params.issue_number ?? context.request.params.pull_number;
    if (owner !== state.owner || repo !== state.repo) return reject(404, "Not Found");
    if (number !== undefined && Number(number) !== state.pullNumber)
      return reject(404, "Not Found");
    return undefined;
  };
  const page = <T>(context: Context, items: T[], url: URL): Reply => {
    const perPage = Math.min(100, Number(context.request.query.per_page ?? 30));
    const current = Number(context.request.query.page ?? 1);
    const slice = items.slice((current - 1) * perPage, current * perPage);
    const headers: Record<string, string> = {};
    const last = Math.max(1, Math.ceil(items.length / perPage));
    if (current < last) {
      const next = new URL(url);
      next.searchParams.set("page", String(current + 1));
      next.searchParams.set("per_page", String(perPage));
      const lastUrl = new URL(next);
      lastUrl.searchParams.set("page", String(last));
      headers.link = `<${next}>; rel="next", <${lastUrl}>; rel="last"`;
    }
    return { status: 200, body: slice, headers };
  };
  const bot = "https://api.github.com/users/github-actions%5Bbot%5D";
  const user = {
    login: "github-actions[bot]",
    id: 41898282,
    node_id: "MDM6Qm90NDE4OTgyODI=",
    avatar_url: "https://avatars.githubusercontent.com/in/15368?v=4",
    gravatar_id: "",
    url: bot,
    html_url: "https://github.com/apps/github-actions",
    followers_url: `${bot}/followers`,
    following_url: `${bot}/following{/other_user}`,
    gists_url: `${bot}/gists{/gist_id}`,
    starred_url: `${bot}/starred{/owner}{/repo}`,
    subscriptions_url: `${bot}/subscriptions`,
    organizations_url: `${bot}/orgs`,
    repos_url: `${bot}/repos`,
    events_url: `${bot}/events{/privacy}`,
    received_events_url: `${bot}/received_events`,
    type: "Bot",
    site_admin: false,
  };
  const issueComment = (comment: FakeIssueComment) => ({
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${state.url}/repos/${state.owner}/${state.repo}/issues/comments/${comment.id}`,
    html_url: `https://github.com/${state.owner}/${state.repo}/pull/${state.pullNumber}#issuecomment-${comment.id}`,
    issue_url: `${state.url}/repos/${state.owner}/${state.repo}/issues/${state.pullNumber}`,
    body: comment.body,
    user,
    author_association: "NONE",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  });
  const reviewComment = (comment: FakeReviewComment) => ({
    id: comment.id,
    node_id: `PRRC_${comment.id}`,
    url: `${state.url}/repos/${state.owner}/${state.repo}/pulls/comments/${comment.id}`,
    pull_request_review_id: comment.id,
    diff_hunk: "",
    path: comment.path,
    line: comment.line,
    side: "RIGHT",
    commit_id: comment.commit_id,
    original_commit_id: comment.commit_id,
    body: comment.body,
    user,
    author_association: "NONE",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    html_url: `https://github.com/${state.owner}/${state.repo}/pull/${state.pullNumber}#discussion_r${comment.id}`,
    pull_request_url: `${state.url}/repos/${state.owner}/${state.repo}/pulls/${state.pullNumber}`,
    _links: {
      self: {
        href: `${state.url}/repos/${state.owner}/${state.repo}/pulls/comments/${comment.id}`,
      },
      html: { href: `https://github.com/${state.owner}/${state.repo}/pull/${state.pullNumber}` },
      pull_request: {
        href: `${state.url}/repos/${state.owner}/${state.repo}/pulls/${state.pullNumber}`,
      },
    },
  });
  const bodyOf = (context: Context) => context.request.requestBody as Record<string, unknown>;

  const handlers: Handlers = {
    "issues/list-comments": (context, url: URL) =>
      checkRepository(context) ?? page(context, state.issueComments.map(issueComment), url),
    "issues/create-comment": (context) => {
      const missing = checkRepository(context);
      if (missing) return missing;
      const body = String(bodyOf(context).body);
      if (body.length > MAX_BODY_CHARS)
        return violation(context, "Body is too long (maximum is 65536 characters)");
      const comment = { id: nextId++, body };
      state.issueComments.push(comment);
      return { status: 201, body: issueComment(comment) };
    },
    "issues/update-comment": (context) => {
      const comment = state.issueComments.find(
        (item) => item.id === Number(context.request.params.comment_id),
      );
      if (!comment || checkRepository(context)) return violation(context, "no such issue comment");
      const body = String(bodyOf(context).body);
      if (body.length > MAX_BODY_CHARS)
        return violation(context, "Body is too long (maximum is 65536 characters)");
      comment.body = body;
      return { status: 200, body: issueComment(comment) };
    },
    "pulls/list-review-comments": (context, url: URL) =>
      checkRepository(context) ?? page(context, state.reviewComments.map(reviewComment), url),
    "pulls/create-review-comment": (context) => {
      const missing = checkRepository(context);
      if (missing) return missing;
      const body = bodyOf(context);
      if (body.commit_id !== state.headSha) {
        return violation(
          context,
          `commit_id ${String(body.commit_id)} is not the pull request's head`,
        );
      }
      const file = state.files.find((item) => item.filename === body.path);
      const line = Number(body.line);
      if (!file || body.side !== "RIGHT" || !rightSideLines(file.patch).has(line)) {
        return violation(context, "pull_request_review_thread.line must be part of the diff");
      }
      const comment = {
        id: nextId++,
        body: String(body.body),
        path: String(body.path),
        line,
        commit_id: String(body.commit_id),
      };
      state.reviewComments.push(comment);
      return { status: 201, body: reviewComment(comment) };
    },
    "pulls/update-review-comment": (context) => {
      const comment = state.reviewComments.find(
        (item) => item.id === Number(context.request.params.comment_id),
      );
      if (!comment || checkRepository(context)) return violation(context, "no such review comment");
      comment.body = String(bodyOf(context).body);
      return { status: 200, body: reviewComment(comment) };
    },
    "pulls/list-files": (context, url: URL) =>
      checkRepository(context) ??
      page(
        context,
        // GitHub lists at most 3000 files of a pull request.
        state.files.slice(0, 3000).map((file, index) => ({
          sha: index.toString(16).padStart(40, "0"),
          filename: file.filename,
          status: file.status ?? "modified",
          additions: 1,
          deletions: 0,
          changes: 1,
          blob_url: `https://github.com/${state.owner}/${state.repo}/blob/${state.headSha}/${file.filename}`,
          raw_url: `https://github.com/${state.owner}/${state.repo}/raw/${state.headSha}/${file.filename}`,
          contents_url: `${state.url}/repos/${state.owner}/${state.repo}/contents/${file.filename}`,
          ...(file.patch === undefined ? {} : { patch: file.patch }),
        })),
        url,
      ),
    validationFail: (context) =>
      violation(
        context,
        `fails GitHub's schema: ${JSON.stringify(context.validation.errors ?? []).slice(0, 500)}`,
      ),
    notFound: (context) => violation(context, "no such path in GitHub's REST API"),
    methodNotAllowed: (context) => violation(context, "method not allowed by GitHub's REST API"),
    notImplemented: (context) =>
      violation(context, `the fake does not serve ${context.operation?.operationId ?? "this"}`),
  };
  const api = await backend();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", state.url);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const query = Object.fromEntries(url.searchParams);
    const record: FakeGithubRequest = {
      method: request.method ?? "GET",
      path: url.pathname,
      query,
      status: 0,
    };
    state.requests.push(record);
    let reply: Reply;
    const method = (request.method ?? "GET").toUpperCase();
    const fault = faults.find((item) => !item.method || item.method === method);
    if (request.headers.authorization !== `token ${state.token}`) {
      reply = reject(401, "Bad credentials");
    } else if (fault) {
      fault.times -= 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      reply =
        fault.status === 502
          ? reject(502, "Server Error")
          : fault.retryAfter === undefined
            ? reject(403, "Resource not accessible by integration")
            : {
                ...reject(
                  fault.status,
                  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                ),
                headers: { "retry-after": String(fault.retryAfter) },
              };
    } else if (state.readOnly && (method === "POST" || method === "PATCH")) {
      reply = reject(403, "Resource not accessible by integration");
    } else {
      let body: unknown;
      if (text !== "") {
        try {
          body = JSON.parse(text);
        } catch {
          state.violations.push(`${method} ${url.pathname}: body is not JSON`);
        }
      }
      reply = (await api.handleRequest(
        {
          method,
          path: url.pathname,
          query,
          headers: request.headers as Record<string, string>,
          ...(body === undefined ? {} : { body }),
        },
        url,
        handlers,
      )) as Reply;
      const operation = api.matchOperation({ method, path: url.pathname, headers: {} });
      if (operation?.operationId) record.operationId = operation.operationId;
      if (operation && reply.status < 300) {
        // The fake's own answers must look like GitHub's, or Octokit is tested against fiction.
        const checked = api.validateResponse(reply.body, operation, reply.status);
        if (checked.errors?.length) {
          state.violations.push(
            `${method} ${url.pathname}: the fake's response fails GitHub's schema: ${JSON.stringify(checked.errors).slice(0, 500)}`,
          );
        }
      }
    }
    record.status = reply.status;
    response.writeHead(reply.status, {
      "content-type": "application/json; charset=utf-8",
      ...reply.headers,
    });
    response.end(JSON.stringify(reply.body));
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      state.violations.push(`the fake crashed: ${(error as Error).stack ?? String(error)}`);
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/**
 * The RIGHT-side lines of a patch, written independently of jig's own
 * parser so the fake can refuse what GitHub refuses: a comment off the diff.
 */
function rightSideLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  let line = 0;
  for (const text of (patch ?? "").split("\n")) {
    const hunk = /^@@ -[\d,]+ \+(\d+)/.exec(text);
    if (hunk) line = Number(hunk[1]);
    else if (line > 0 && (text.startsWith("+") || text.startsWith(" "))) lines.add(line++);
  }
  return lines;
}
