import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { createBatchParser, createGitShowReader } from "./post-change-reader.js";

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

describe("createGitShowReader", () => {
  it("reads files as committed at head, not as in the working tree, many at once", async () => {
    repo = createTempRepo();
    const big = `${"x".repeat(200_000)}\nend\n`;
    repo.write("src/a.ts", "export const a = 1;\n");
    repo.write("src/big.txt", big);
    repo.write("src/ünïcode name.ts", "export const é = 'ü';\n");
    for (let index = 0; index < 40; index++) repo.write(`many/f${index}.ts`, `// ${index}\n`);
    const head = repo.commit("files");
    repo.write("src/a.ts", "export const a = 2; // uncommitted\n");
    const read = createGitShowReader(repo.dir, head);
    const paths = ["src/a.ts", "src/big.txt", "missing.ts", "src", "src/ünïcode name.ts"];
    const many = Array.from({ length: 40 }, (_, index) => `many/f${index}.ts`);
    const answers = await Promise.all([...paths, ...many].map((path) => read(path)));
    expect(answers.slice(0, 5)).toEqual([
      "export const a = 1;\n",
      big,
      undefined,
      undefined,
      "export const é = 'ü';\n",
    ]);
    expect(answers.slice(5)).toEqual(many.map((_, index) => `// ${index}\n`));
    // A read in a later tick, after the first batch's process was closed.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await read("src/a.ts")).toBe("export const a = 1;\n");
  });

  it("answers undefined for every read when head is not a revision", async () => {
    repo = createTempRepo();
    repo.write("a.ts", "a\n");
    repo.commit("one");
    const read = createGitShowReader(repo.dir, "0".repeat(40));
    expect(await Promise.all([read("a.ts"), read("b.ts")])).toEqual([undefined, undefined]);
  });
});

describe("createBatchParser", () => {
  it("splits answers however the output is chunked, one byte at a time included", () => {
    const output = Buffer.from(
      "1111 blob 5\nhello\n2222 missing\n3333 tree 4\nabcd\n4444 blob 0\n\n5555 blob 2\nü\n",
    );
    for (const size of [1, 2, 7, output.length]) {
      const answers: Array<string | undefined> = [];
      const parser = createBatchParser((text) => answers.push(text));
      for (let offset = 0; offset < output.length; offset += size) {
        parser.push(output.subarray(offset, offset + size));
      }
      expect(answers, `chunks of ${size}`).toEqual(["hello", undefined, undefined, "", "ü"]);
    }
  });
});
