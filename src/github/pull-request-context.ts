import { UsageError } from "../core/index.js";

/** The pull request a CI run is about, as the workflow's event describes it. */
export interface PullRequestContext {
  owner: string;
  repo: string;
  /** Absent when the event is not a pull request (a push): nothing to comment on. */
  pullNumber?: number;
  /** `pull_request.base.sha` of the event. */
  baseSha?: string;
  /** `pull_request.head.sha` of the event: the commit review comments attach to. */
  headSha?: string;
  /** REST API root, `GITHUB_API_URL` (GitHub Enterprise Server has its own). */
  apiUrl: string;
}

/** The environment variables GitHub Actions sets that a CI run reads. */
export interface GithubEnv {
  GITHUB_REPOSITORY?: string | undefined;
  GITHUB_API_URL?: string | undefined;
  GITHUB_EVENT_PATH?: string | undefined;
}

const DEFAULT_API_URL = "https://api.github.com";

/**
 * Read the repository and pull request from the Actions environment and the
 * event payload's text. Pure: the caller reads `GITHUB_EVENT_PATH`. A payload
 * that is not JSON, or a `GITHUB_REPOSITORY` that is not `owner/name`, is the
 * workflow's mistake (exit 2), named with where it came from.
 *
 * @example
 * readPullRequestContext(process.env, readFileSync(process.env.GITHUB_EVENT_PATH, "utf8"));
 */
export function readPullRequestContext(
  env: GithubEnv,
  eventText: string | undefined,
): PullRequestContext {
  const [owner, repo, extra] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo || extra !== undefined) {
    throw new UsageError(
      `GITHUB_REPOSITORY must be owner/name, got "${env.GITHUB_REPOSITORY ?? ""}"; jig ci github runs inside GitHub Actions, which sets it`,
      { code: "github/repository" },
    );
  }
  const context: PullRequestContext = {
    owner,
    repo,
    apiUrl: (env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, ""),
  };
  if (eventText === undefined) return context;
  let event: unknown;
  try {
    event = JSON.parse(eventText);
  } catch (error) {
    throw new UsageError(
      `${env.GITHUB_EVENT_PATH ?? "GITHUB_EVENT_PATH"}:1: the event payload is not JSON (${(error as Error).message})`,
      { code: "github/event", cause: error },
    );
  }
  const pull = field(event, "pull_request");
  if (pull === undefined) return context;
  const number = field(pull, "number");
  const baseSha = field(field(pull, "base"), "sha");
  const headSha = field(field(pull, "head"), "sha");
  if (typeof number === "number" && Number.isInteger(number) && number > 0) {
    context.pullNumber = number;
  }
  if (typeof baseSha === "string" && baseSha !== "") context.baseSha = baseSha;
  if (typeof headSha === "string" && headSha !== "") context.headSha = headSha;
  return context;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
