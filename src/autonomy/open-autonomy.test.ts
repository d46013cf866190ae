import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { openAutonomy } from "./open-autonomy.js";

describe("openAutonomy with an autonomy.yaml that cannot be read", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("a directory in its place is one input error naming the file and what to do", async () => {
    repo = createTempRepo("jig-autonomy-");
    mkdirSync(join(repo.dir, "autonomy.yaml"));
    await expect(openAutonomy(repo.dir)).rejects.toMatchObject({
      exitCode: 2,
      message:
        "autonomy.yaml: is a directory where a file was expected; replace it with a file or remove it (EISDIR)",
    });
  });

  it("a symbolic link loop is one input error naming the file", async () => {
    repo = createTempRepo("jig-autonomy-");
    symlinkSync("autonomy.yaml", join(repo.dir, "autonomy.yaml"));
    await expect(openAutonomy(repo.dir)).rejects.toMatchObject({
      exitCode: 2,
      message:
        "autonomy.yaml: is a symbolic link loop; point the link at a real file or directory, or remove it (ELOOP)",
    });
  });
});
