import { cpSync } from "node:fs";
import { join } from "node:path";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { APPROVED_SPEC } from "./run-jig.js";

export { PAYER_MANIFEST } from "../../src/agents/__fixtures__/payer-manifest.js";

/** The guard's sample agents (coder, reviewer, …), as the agent unit tests use them. */
export const FIXTURE_AGENTS = new URL("../../src/agents/__fixtures__/agents", import.meta.url)
  .pathname;

/**
 * Seed a repository the guard tests act in: the sample agents, an approved
 * SPEC-0001, `src/refunds.js` and any `extra` files, committed as `base`.
 * For `useSeededRepo`.
 */
export function seedGuardedRepo(seed: TempRepo, extra: Record<string, string> = {}): void {
  cpSync(FIXTURE_AGENTS, join(seed.dir, "agents"), { recursive: true });
  seed.write("specs/SPEC-0001-cap-refunds.md", APPROVED_SPEC);
  seed.write("src/refunds.js", "export {};\n");
  for (const [path, content] of Object.entries(extra)) seed.write(path, content);
  seed.commit("base");
}
