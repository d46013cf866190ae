import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { readBlobsSync } from "./read-blobs-sync.js";

describe("readBlobsSync", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("reads files from a commit byte for byte, and undefined for what is missing or not a file", () => {
    repo = createTempRepo();
    repo.write("specs/a.md", "line one\r\nline two é\n");
    repo.write("specs/b.md", "");
    const sha = repo.commit("files");
    repo.write("specs/a.md", "changed in the working tree\n");
    expect(
      readBlobsSync(repo.dir, [
        `${sha}:specs/a.md`,
        `${sha}:specs/missing.md`,
        `${sha}:specs`,
        `${sha}:specs/b.md`,
        "no\nsuch",
        `${sha}:specs/a.md`,
      ]),
    ).toEqual([
      "line one\r\nline two é\n",
      undefined,
      undefined,
      "",
      undefined,
      "line one\r\nline two é\n",
    ]);
  });
});
