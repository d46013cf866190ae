import { afterAll, beforeAll } from "vitest";
import { copyTempRepo, createTempRepo, type TempRepo } from "./temp-repo.js";

/**
 * Build a repository once for the enclosing file or `describe` block, and hand
 * each test its own copy of it. Seeding runs `seed` (files, commits, branches)
 * in `beforeAll`; a copy is one `cp -r` and one git call, so a file whose tests
 * all start from the same repo stops paying for `git init`, `add` and `commit`
 * in every test. The template is removed in `afterAll`; each copy is the
 * test's to clean up. A test may ask for a copy under another `prefix`, e.g.
 * a deeper path.
 *
 * @example
 * const seeded = useSeededRepo((repo) => {
 *   repo.write("src/refunds.js", "export {};\n");
 *   repo.commit("base");
 * });
 * beforeEach(() => {
 *   repo = seeded();
 * });
 */
export function useSeededRepo(
  seed: (repo: TempRepo) => void,
  prefix = "jig-test-",
): (copyPrefix?: string) => TempRepo {
  let template: TempRepo | undefined;
  beforeAll(() => {
    template = createTempRepo(`${prefix}seed-`);
    seed(template);
  });
  afterAll(() => {
    template?.cleanup();
    template = undefined;
  });
  return (copyPrefix = prefix) => {
    if (!template) throw new Error("copy a seeded repo inside a test or a beforeEach");
    return copyTempRepo(template, copyPrefix);
  };
}
