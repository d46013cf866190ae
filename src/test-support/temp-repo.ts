import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
};

/**
 * Settings every test repo gets. Written straight into .git/config rather than
 * with `git config`: the suite creates hundreds of repos and each git process
 * costs a fork of a large test worker. `maintenance.auto` off stops every
 * commit from spawning `git maintenance run --auto`, which has nothing to do
 * in a repo this small.
 */
const REPO_CONFIG = "[commit]\n\tgpgsign = false\n[maintenance]\n\tauto = false\n";

/** A {@link TempRepo} over an existing repository in `dir`. */
function openTempRepo(dir: string): TempRepo {
  const git = (...args: string[]): string =>
    execFileSync("git", args, {
      cwd: dir,
      env: GIT_ENV,
      encoding: "utf8",
      maxBuffer: 64 << 20,
    }).trim();
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

/** Create a temp git repo on branch `main` with a deterministic identity. */
export function createTempRepo(prefix = "jig-test-"): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir, env: GIT_ENV });
  appendFileSync(join(dir, ".git", "config"), REPO_CONFIG);
  return openTempRepo(dir);
}

/**
 * A private copy of `template` (work tree, index, history and branches) in a
 * new temp dir. Seed a repo once per file, in `beforeAll`, and copy it for
 * each test: a copy costs one git process, where building the repo again
 * costs one per `git` call. Tests stay independent, since each gets its own
 * directory and may commit, branch or delete freely.
 *
 * @example
 * let seed: TempRepo;
 * beforeAll(() => { seed = createTempRepo(); seed.write("a.txt", "a"); seed.commit("base"); });
 * afterAll(() => seed.cleanup());
 * beforeEach(() => { repo = copyTempRepo(seed); });
 */
export function copyTempRepo(template: TempRepo, prefix = "jig-test-"): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(template.dir, dir, { recursive: true });
  const repo = openTempRepo(dir);
  // The copied index still holds the template's inode and ctime for every
  // file; refresh it so plumbing such as `git diff-files` does not report
  // the whole tree as modified.
  repo.git("update-index", "-q", "--refresh");
  return repo;
}
