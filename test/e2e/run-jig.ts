import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built binary, as a user runs it. `npm test` builds before the e2e tests run. */
export const JIG_BIN = fileURLToPath(new URL("../../bin/jig.js", import.meta.url));

export interface JigResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runJig(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; input?: string },
): JigResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", ...options.env };
  // Tests decide explicitly whether a spec is active.
  if (!options.env || !("JIG_SPEC" in options.env)) delete env.JIG_SPEC;
  delete env.JIG_DEBUG;
  if (options.env?.JIG_DEBUG) env.JIG_DEBUG = options.env.JIG_DEBUG;
  const result = spawnSync(process.execPath, [JIG_BIN, ...args], {
    cwd: options.cwd,
    env,
    encoding: "utf8",
    input: options.input ?? "",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export { APPROVED_SPEC, DRAFT_SPEC } from "../../src/test-support/approved-spec.js";
