/** A 95% confidence interval for a proportion. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for `successes` out of `trials`. Unlike the normal
 * approximation it stays inside 0..1 and is honest at 0/n and n/n, which is
 * exactly where small repeat counts of a flaky skill land.
 *
 * @example wilsonInterval(9, 10) // { low: 0.596, high: 0.982 }
 */
export function wilsonInterval(successes: number, trials: number, z = 1.959964): Interval {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = p + z2 / (2 * trials);
  const margin = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return {
    low: Math.max(0, (centre - margin) / denominator),
    high: Math.min(1, (centre + margin) / denominator),
  };
}
