import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createGuard, type Guard, type GuardOptions } from "../guard.js";
import { type LoadedPolicy, loadPolicy } from "../load-policy.js";

/** The bundled sample agents (coder, reviewer, ops). */
export const FIXTURE_AGENTS = fileURLToPath(new URL("./agents", import.meta.url));

/**
 * A temp repo with the sample agents, a few files and hostile symlinks, plus
 * a guard over it. Real files, real Cedar, no mocks.
 */
export interface GuardFixture {
  root: string;
  outside: string;
  policy: LoadedPolicy;
  guard(options?: Partial<GuardOptions>): Guard;
  cleanup(): void;
}

/**
 * @param extraAgents more manifests for this fixture only, by file name
 *   (`{ "payer.yaml": "name: payer..." }`), beside the sample agents.
 */
export async function createGuardFixture(
  extraAgents: Record<string, string> = {},
): Promise<GuardFixture> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "jig-guard-")));
  const outside = realpathSync(mkdtempSync(join(tmpdir(), "jig-outside-")));
  cpSync(FIXTURE_AGENTS, join(root, "agents"), { recursive: true });
  for (const [file, text] of Object.entries(extraAgents))
    writeFileSync(join(root, "agents", file), text);
  for (const dir of ["src", "tests", "infra", "evals", "docs", "src-evil"])
    mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, "src", "refunds.js"), "export {};\n");
  writeFileSync(join(root, "infra", "main.tf"), "# infra\n");
  writeFileSync(join(outside, "secret.txt"), "secret\n");
  symlinkSync(outside, join(root, "src", "escape"));
  symlinkSync(join(outside, "not-yet.txt"), join(root, "src", "dangling.js"));
  symlinkSync("../infra", join(root, "src", "infra-link"));
  symlinkSync("/etc", join(root, "src", "etc"));
  const policy = await loadPolicy({
    repoRoot: root,
    agentsDir: "agents",
    specExempt: ["specs/**", "docs/**", "**/*.md"],
    requireSpec: true,
    home: outside,
  });
  return {
    root,
    outside,
    policy,
    guard: (options = {}) =>
      createGuard({
        engine: policy.engine,
        base: { repoRoot: root, cwd: root, home: outside },
        now: () => new Date("2026-01-01T00:00:00Z"),
        adapter: "test",
        specApproved: true,
        ...options,
      }),
    cleanup() {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    },
  };
}
