/**
 * Publishing a gate report where a team reviews code: GitHub pull requests.
 * Pure planning (which comment to create, edit or resolve; which lines a
 * comment may sit on) apart from the thin Octokit shell that applies it.
 * The verdict is jig check's; nothing here can change it except a stricter
 * `fail-on` ({@link tightenVerdict}).
 */
export { commentableLines } from "./diff-lines.js";
export {
  createGithubClient,
  type GithubClient,
  type GithubClientOptions,
  isPermissionDenied,
  isRateLimited,
} from "./github-client.js";
export {
  type ExistingReviewComment,
  planReviewComments,
  type ReviewCommentPlan,
  reviewCommentFingerprint,
} from "./plan-review-comments.js";
export {
  type PublishOptions,
  type PublishResult,
  type PublishTarget,
  publishToPullRequest,
} from "./publish-to-pull-request.js";
export {
  type GithubEnv,
  type PullRequestContext,
  readPullRequestContext,
} from "./pull-request-context.js";
export {
  GITHUB_COMMENT_MAX_CHARS,
  REPORT_MARKER,
  renderPullRequestComment,
} from "./render-pull-request-comment.js";
export { type Tightened, tightenVerdict } from "./tighten-verdict.js";
