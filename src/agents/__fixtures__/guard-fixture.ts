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
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProtectionSettings } from "../builtin-protection.js";
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

/** Extras for a fixture: more manifests, more files, and where governance lives. */
export interface GuardFixtureOptions {
  /** Extra files under agents/ (manifests or .cedar), by file name. */
  agents?: Record<string, string>;
  /** Extra repo files, by repo-relative path. */
  files?: Record<string, string>;
  /** Governance settings for the built-in protection (default: jig's default folders). */
  protection?: ProtectionSettings;
}

export async function createGuardFixture(options: GuardFixtureOptions = {}): Promise<GuardFixture> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "jig-guard-")));
  const outside = realpathSync(mkdtempSync(join(tmpdir(), "jig-outside-")));
  cpSync(FIXTURE_AGENTS, join(root, "agents"), { recursive: true });
  for (const [name, text] of Object.entries(options.agents ?? {})) {
    writeFileSync(join(root, "agents", name), text);
  }
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
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
    ...(options.protection ? { protection: options.protection } : {}),
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
