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

export const APPROVED_SPEC = `---
id: SPEC-0001
title: Cap automatic refunds
status: approved
domains: [billing]
owner: payments
---

## Problem

Refunds of any size are paid automatically.

## Acceptance criteria

- AC-1: Given a refund of 50000 cents or less, when it is decided, then the decision is "approved".
- AC-2: Given a refund above 50000 cents, when it is decided, then the decision is "escalated".

## Constraints

- C-1: Amounts are integer cents.

## Risks

- R-1: An off-by-one cap pays refunds that need a human.

## Out of scope

- Partial refunds.
`;
