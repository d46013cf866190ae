import type { Report } from "../contract/index.js";
import type { Severity } from "../core/index.js";
import { commentableLines } from "./diff-lines.js";
import { type GithubClient, isPermissionDenied } from "./github-client.js";
import { type ExistingReviewComment, planReviewComments } from "./plan-review-comments.js";
import { REPORT_MARKER, renderPullRequestComment } from "./render-pull-request-comment.js";

export interface PublishTarget {
  owner: string;
  repo: string;
  pullNumber: number;
  /** The commit judged: inline comments attach to it. */
  headSha: string;
}

export interface PublishOptions {
  /** Keep jig's one PR comment up to date. */
  comment: boolean;
  /** Inline comments for findings at or above this; `off` for none. */
  inlineThreshold: Severity | "off";
}

/** What publishing did, for the log and the tests. */
export interface PublishResult {
  /** `created`/`updated` the PR comment, or `skipped`. */
  reportComment: "created" | "updated" | "unchanged" | "skipped";
  inlineCreated: number;
  inlineUpdated: number;
  /** Findings at or above the threshold that point outside the diff. */
  outsideDiff: number;
  /** Set when the token may not write: one line for the log; nothing was left half-done on purpose. */
  denied?: string;
}

const PER_PAGE = 100;

/**
 * Post a report to its pull request: one PR comment (found by its marker and
 * edited on a rerun) and inline review comments on the diff's lines, one per
 * finding fingerprint (see {@link planReviewComments}). Reads everything
 * first, then writes. A token without write permission ends publishing with
 * `denied` set, never an error: the verdict is the exit code either way.
 */
export async function publishToPullRequest(
  github: GithubClient,
  target: PublishTarget,
  report: Report,
  options: PublishOptions,
): Promise<PublishResult> {
  const result: PublishResult = {
    reportComment: "skipped",
    inlineCreated: 0,
    inlineUpdated: 0,
    outsideDiff: 0,
  };
  const repository = { owner: target.owner, repo: target.repo };
  try {
    const inline = options.inlineThreshold !== "off";
    const [files, reviewComments] = inline
      ? await Promise.all([
          github.paginate(github.rest.pulls.listFiles, {
            ...repository,
            pull_number: target.pullNumber,
            per_page: PER_PAGE,
          }),
          github.paginate(github.rest.pulls.listReviewComments, {
            ...repository,
            pull_number: target.pullNumber,
            per_page: PER_PAGE,
          }),
        ])
      : [[], []];
    const diffLines = new Map(files.map((file) => [file.filename, commentableLines(file.patch)]));
    const existing: ExistingReviewComment[] = reviewComments.map((comment) => ({
      id: comment.id,
      body: comment.body,
    }));
    const plan = planReviewComments({
      findings: report.findings,
      threshold: options.inlineThreshold,
      diffLines,
      existing,
      headSha: target.headSha,
    });
    result.outsideDiff = plan.outsideDiff.length;

    if (options.comment) {
      const body = renderPullRequestComment(report, plan.outsideDiff);
      const comments = await github.paginate(github.rest.issues.listComments, {
        ...repository,
        issue_number: target.pullNumber,
        per_page: PER_PAGE,
      });
      const mine = comments.find((comment) => comment.body?.startsWith(REPORT_MARKER));
      if (mine === undefined) {
        await github.rest.issues.createComment({
          ...repository,
          issue_number: target.pullNumber,
          body,
        });
        result.reportComment = "created";
      } else if (mine.body === body) {
        result.reportComment = "unchanged";
      } else {
        await github.rest.issues.updateComment({ ...repository, comment_id: mine.id, body });
        result.reportComment = "updated";
      }
    }
    // One at a time: GitHub's secondary limits punish bursts of writes.
    for (const comment of plan.create) {
      await github.rest.pulls.createReviewComment({
        ...repository,
        pull_number: target.pullNumber,
        commit_id: target.headSha,
        path: comment.path,
        line: comment.line,
        side: "RIGHT",
        body: comment.body,
      });
      result.inlineCreated += 1;
    }
    for (const update of plan.update) {
      await github.rest.pulls.updateReviewComment({
        ...repository,
        comment_id: update.id,
        body: update.body,
      });
      result.inlineUpdated += 1;
    }
  } catch (error) {
    if (!isPermissionDenied(error)) throw error;
    result.denied = `the token may not write to ${target.owner}/${target.repo}#${target.pullNumber} (${(error as Error).message.split("\n")[0]}); the report is in the step summary only. Give the workflow "permissions: pull-requests: write".`;
  }
  return result;
}
