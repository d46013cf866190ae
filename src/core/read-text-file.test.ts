import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fileSystemErrorMessage } from "./file-system-error-message.js";
import { readTextFile } from "./read-text-file.js";

describe("readTextFile", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("a symbolic link to nothing is one line naming the link and what to do", async () => {
    dir = mkdtempSync(join(tmpdir(), "jig-read-"));
    symlinkSync(join(dir, "missing.yaml"), join(dir, "coder.yaml"));
    const error = await readTextFile(join(dir, "coder.yaml")).catch((caught: unknown) => caught);
    expect(fileSystemErrorMessage(error, dir)).toBe(
      "coder.yaml: is a symbolic link to a file that does not exist; point it at a real file or remove it (EDANGLINGLINK)",
    );
  });

  it("a plain missing file stays ENOENT, for callers that treat it as absent", async () => {
    dir = mkdtempSync(join(tmpdir(), "jig-read-"));
    await expect(readTextFile(join(dir, "none.yaml"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});
