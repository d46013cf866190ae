import { describe, expect, it } from "vitest";
import { createBatchParser } from "./create-batch-parser.js";

describe("createBatchParser", () => {
  it("splits answers however the output is chunked, one byte at a time included", () => {
    const output = Buffer.from(
      "1111 blob 5\nhello\n2222 missing\n3333 tree 4\nabcd\n4444 blob 0\n\n5555 blob 2\nü\n",
    );
    for (const size of [1, 2, 7, output.length]) {
      const answers: Array<string | undefined> = [];
      const parser = createBatchParser((object) =>
        answers.push(object?.type === "blob" ? object.content.toString("utf8") : undefined),
      );
      for (let offset = 0; offset < output.length; offset += size) {
        parser.push(output.subarray(offset, offset + size));
      }
      expect(answers, `chunks of ${size}`).toEqual(["hello", undefined, undefined, "", "ü"]);
    }
  });
});
