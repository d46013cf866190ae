import { describe, expect, it } from "vitest";
import { parseGitLog, parseTrailerLines } from "./parse-git-log.js";

describe("parseGitLog", () => {
  it("splits NUL-delimited records, keeping bodies and trailers per commit", () => {
    const sha1 = "a".repeat(40);
    const sha2 = "b".repeat(40);
    const text =
      `${sha1}\0Ada\0ada@example.com\0Claude\0noreply@anthropic.com\0Add parser\0Why: speed.\n\nSpec: SPEC-0007\nAgent: coder\n\0Spec: SPEC-0007\nAgent: coder\n\0\n` +
      `${sha2}\0Bob\0bob@example.com\0Bob\0bob@example.com\0Fix typo\0\0\0\n`;
    expect(parseGitLog(text)).toEqual([
      {
        sha: sha1,
        author: "Ada <ada@example.com>",
        committer: "Claude <noreply@anthropic.com>",
        subject: "Add parser",
        body: "Why: speed.\n\nSpec: SPEC-0007\nAgent: coder",
        trailers: [
          { key: "Spec", value: "SPEC-0007" },
          { key: "Agent", value: "coder" },
        ],
      },
      {
        sha: sha2,
        author: "Bob <bob@example.com>",
        committer: "Bob <bob@example.com>",
        subject: "Fix typo",
        body: "",
        trailers: [],
      },
    ]);
  });

  it("returns no commits for empty output", () => {
    expect(parseGitLog("")).toEqual([]);
  });
});

describe("parseTrailerLines", () => {
  it("splits at the first colon and keeps values with colons", () => {
    expect(
      parseTrailerLines("Spec: SPEC-0001\nSee-Also: https://x.test/a:b\n\nnot a trailer\n"),
    ).toEqual([
      { key: "Spec", value: "SPEC-0001" },
      { key: "See-Also", value: "https://x.test/a:b" },
    ]);
  });
});
