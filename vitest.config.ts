import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Vitest's default is one worker per core minus one, which on a 2-core CI
// machine is a single worker: every file then ran one after another. Most of
// our test time is spent waiting on child processes (git, the built CLI,
// node scripts), so a worker more than there are cores keeps the CPUs busy.
// Both projects share one pool (vitest needs one `maxWorkers` per group): the
// e2e files are queued first, then the unit files, each longest first by the
// durations vitest cached from the last run, so short files fill the tail.
const workers = Math.max(2, availableParallelism() + 1);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: workers,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          pool: "forks",
          // A fresh module graph per file cost more CPU than most unit files
          // spend testing (ai, zod, ast-grep and cedar loaded 66 times). Our
          // tests keep no global state: no vi.mock, fake timers or env left
          // behind, so files can share a worker's modules. Workers are still
          // processes, for better-sqlite3 and the tests that kill children.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/**/*.test.ts"],
          pool: "forks",
          // The CLI under test runs in its own processes; these files only
          // share helpers, so they can share a worker too.
          isolate: false,
          // A test here spawns the CLI tens of times, one after another: the
          // guard daemon's corpus test runs 50 hook processes, 16 s on an idle
          // 2-core machine and over 60 s at a load average of 8. The limit only
          // catches hangs: no test asserts a duration through it.
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Builds dist once if it is stale, so every file spawns a current binary.
          globalSetup: ["test/e2e/global-setup.ts"],
        },
      },
    ],
  },
});
