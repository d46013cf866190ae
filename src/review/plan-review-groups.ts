import { UsageError } from "../core/errors.js";
import {
  fileTokens,
  type ReviewContext,
  type ReviewFileContext,
} from "./assemble-review-context.js";
import type { ExcerptSegment } from "./render-file-excerpt.js";

/** A slice of a file going into one review call. */
export interface ReviewGroupFile {
  file: ReviewFileContext;
  segments: ExcerptSegment[];
  /** `2/3` when the file is split across groups. */
  part?: string;
}

/** What was left out of every group, and why. Reported, never silent. */
export interface UnreviewedFile {
  path: string;
  changedLines: number;
  reason: string;
}

export interface ReviewPlan {
  groups: ReviewGroupFile[][];
  unreviewed: UnreviewedFile[];
}

/** Tokens kept free for the fixed instructions and the schema in each prompt. */
const PROMPT_OVERHEAD_TOKENS = 1500;

/**
 * Split a change into file groups that each fit `maxPromptTokens` together
 * with the shared context (spec, failure models, instructions). Files are
 * packed in order; a file too large for one group is split between its
 * widened hunks; a single hunk too large for any group, and binary files,
 * are listed as unreviewed so the coverage line tells the truth.
 *
 * @throws UsageError when the shared context alone exceeds the budget.
 */
export function planReviewGroups(context: ReviewContext, maxPromptTokens: number): ReviewPlan {
  const budget = maxPromptTokens - context.baseTokens - PROMPT_OVERHEAD_TOKENS;
  if (budget < 500) {
    throw new UsageError(
      `the review context without any diff (spec, failure models, instructions) takes about ${context.baseTokens} tokens, over review.maxPromptTokens ${maxPromptTokens}; raise the budget`,
      { code: "review/budget" },
    );
  }
  const groups: ReviewGroupFile[][] = [];
  const unreviewed: UnreviewedFile[] = [];
  let current: ReviewGroupFile[] = [];
  let used = 0;
  const close = () => {
    if (current.length > 0) groups.push(current);
    current = [];
    used = 0;
  };
  for (const file of context.files) {
    if (file.binary) {
      unreviewed.push({ path: file.path, changedLines: file.changedLines, reason: "binary file" });
      continue;
    }
    const whole = fileTokens(file);
    if (whole <= budget) {
      if (used + whole > budget) close();
      current.push({ file, segments: file.segments });
      used += whole;
      continue;
    }
    // Too big for one group: pack its hunks into as many parts as needed.
    const parts: ExcerptSegment[][] = [];
    let part: ExcerptSegment[] = [];
    let partTokens = fileTokens(file, []);
    for (const segment of file.segments) {
      const tokens = fileTokens(file, [segment]) - fileTokens(file, []);
      if (fileTokens(file, [segment]) > budget) {
        unreviewed.push({
          path: `${file.path}:${segment.startLine}-${segment.endLine}`,
          changedLines: segment.changedLines,
          reason: `one hunk of about ${tokens} tokens exceeds review.maxPromptTokens`,
        });
        continue;
      }
      if (partTokens + tokens > budget) {
        parts.push(part);
        part = [];
        partTokens = fileTokens(file, []);
      }
      part.push(segment);
      partTokens += tokens;
    }
    if (part.length > 0) parts.push(part);
    parts.forEach((segments, index) => {
      close();
      current.push({ file, segments, part: `${index + 1}/${parts.length}` });
      used = fileTokens(file, segments);
    });
    close();
  }
  close();
  return { groups, unreviewed };
}
