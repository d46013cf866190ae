import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A real git repository in a temp dir, for tests. */
export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(path: string, content: string): void;
  commit(message: string, options?: { all?: boolean }): string;
  cleanup(): void;
}

/** Create a temp git repo on branch `main` with a deterministic identity. */
export function createTempRepo(prefix = "jig-test-"): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
  };
  const git = (...args: string[]): string =>
    execFileSync("git", args, { cwd: dir, env, encoding: "utf8", maxBuffer: 64 << 20 }).trim();
  git("init", "-q", "-b", "main");
  git("config", "commit.gpgsign", "false");
  return {
    dir,
    git,
    write(path, content) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    },
    commit(message, options) {
      git("add", options?.all === false ? "-u" : "-A");
      git("commit", "-q", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD");
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
