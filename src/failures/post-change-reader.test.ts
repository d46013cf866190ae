import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { createGitShowReader } from "./post-change-reader.js";

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
