import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { runGit } from "../git/index.js";
import { DEMO_BASE_FILES, type DemoChange } from "./demo-repository.js";

/** The example repository, and how to put each demo change on its own branch. */
export interface DemoRepository {
  dir: string;
  /** Check out `change.branch` from main and commit the change there. */
  commitChange(change: DemoChange): Promise<void>;
  /** Fast-forward main to `branch` and check main out, as a person merging it would. */
  mergeIntoMain(branch: string): Promise<void>;
}

/**
 * Build the bundled example in `dir` (an empty folder): a git repository on
 * `main` with the refunds service, its approved spec, agents and sealed
 * evals, committed under a fixed demo identity so no git config is needed.
 */
export async function buildDemoRepository(dir: string): Promise<DemoRepository> {
  const git = (...args: string[]) =>
    runGit(["-c", "user.name=jig demo", "-c", "user.email=demo@jig.invalid", ...args], dir);
  await git("init", "-q", "-b", "main");
  await writeFiles(dir, DEMO_BASE_FILES);
  await git("add", "-A");
  await git("commit", "-q", "-m", "refunds-service with its approved spec SPEC-0001");
  return {
    dir,
    async commitChange(change) {
      await git("checkout", "-q", "-b", change.branch, "main");
      await writeFiles(dir, change.files);
      await git("add", "-A");
      await git("commit", "-q", "-m", change.commitMessage);
    },
    async mergeIntoMain(branch) {
      await git("checkout", "-q", "main");
      await git("merge", "-q", "--ff-only", branch);
    },
  };
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}
