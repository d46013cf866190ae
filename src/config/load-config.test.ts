import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { loadConfig } from "./load-config.js";

describe("loadConfig", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("uses the defaults when there is no jig.config.yaml", async () => {
    repo = createTempRepo();
    expect((await loadConfig(repo.dir)).path).toBeUndefined();
  });

  it("rejects a jig.config.yaml that is a link to nowhere instead of using the defaults", async () => {
    repo = createTempRepo();
    symlinkSync("configs/jig.yaml", join(repo.dir, "jig.config.yaml"));
    await expect(loadConfig(repo.dir)).rejects.toMatchObject({
      exitCode: 2,
      message:
        "jig.config.yaml is a symbolic link to configs/jig.yaml, which does not exist; point it at a config file or remove it",
    });
  });

  it("a directory in place of jig.config.yaml is one line naming the file, not Node's bare EISDIR", async () => {
    repo = createTempRepo();
    mkdirSync(join(repo.dir, "jig.config.yaml"));
    await expect(loadConfig(repo.dir)).rejects.toMatchObject({
      exitCode: 2,
      message:
        "jig.config.yaml: is a directory where a file was expected; replace it with a file or remove it (EISDIR)",
    });
  });
});
