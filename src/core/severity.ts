/** How bad a finding is. Ordered from worst to mildest. */
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Numeric rank of a severity: higher is worse. */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** True when `severity` is at or above `threshold` (e.g. `high` meets `medium`). */
export function meetsSeverity(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

/**
 * True when `value` names a severity. `Object.hasOwn`, not `in`: `in` also sees
 * the keys every object inherits, so `"toString"` would pass.
 */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === "string" && Object.hasOwn(RANK, value);
}
