/**
 * How much an agent may do alone in one domain, from least to most. The
 * order is the promotion ladder; a demotion moves left.
 */
export const AUTONOMY_MODES = [
  "blocked",
  "shadow",
  "supervised",
  "auto-logged",
  "full-auto",
] as const;
export type AutonomyMode = (typeof AUTONOMY_MODES)[number];

/** The mode of any decision class `autonomy.yaml` does not list. */
export const DEFAULT_MODE: AutonomyMode = "supervised";

/**
 * What a guarded call does: `edit` (Edit, Write, MultiEdit, NotebookEdit),
 * `command` (Bash), or `mcp:<server>` for a tool behind the MCP gateway.
 */
export type ActionKind = "edit" | "command" | `mcp:${string}`;

/** Position on the ladder: blocked 0 … full-auto 4. */
export function modeRank(mode: AutonomyMode): number {
  return AUTONOMY_MODES.indexOf(mode);
}

/** The stricter of two modes: a call touching two domains gets the lesser trust. */
export function strictestMode(a: AutonomyMode, b: AutonomyMode): AutonomyMode {
  return modeRank(a) <= modeRank(b) ? a : b;
}

/** One step down the ladder; blocked stays blocked. */
export function stepDown(mode: AutonomyMode): AutonomyMode {
  return AUTONOMY_MODES[Math.max(0, modeRank(mode) - 1)] as AutonomyMode;
}

/** One step up the ladder, or undefined at full-auto. Only a person applies it (see propose). */
export function stepUp(mode: AutonomyMode): AutonomyMode | undefined {
  return AUTONOMY_MODES[modeRank(mode) + 1];
}

export function isAutonomyMode(value: string): value is AutonomyMode {
  return (AUTONOMY_MODES as readonly string[]).includes(value);
}
