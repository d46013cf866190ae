import { afterEach, describe, expect, it, vi } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { readGitIdentity } from "./read-git-identity.js";

describe("readGitIdentity", () => {
  let repo: TempRepo | undefined;
  afterEach(() => {
    repo?.cleanup();
    vi.unstubAllEnvs();
  });

  it("is Name <email> from the repository's config, and undefined until both are set", async () => {
    // Only this repository's config counts: no global or system identity leaks in.
    vi.stubEnv("GIT_CONFIG_GLOBAL", "/dev/null");
    vi.stubEnv("GIT_CONFIG_NOSYSTEM", "1");
    repo = createTempRepo();
    expect(await readGitIdentity(repo.dir)).toBeUndefined();
    repo.git("config", "user.name", "Dana Demo");
    expect(await readGitIdentity(repo.dir)).toBeUndefined();
    repo.git("config", "user.email", "dana@example.com");
    expect(await readGitIdentity(repo.dir)).toBe("Dana Demo <dana@example.com>");
  });
});
