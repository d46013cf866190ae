/** A share with its 95% Wilson score interval. */
export interface AgreementInterval {
  /** Agreements (successes). */
  agreements: number;
  /** Decisions with a known outcome (trials). */
  decisions: number;
  /** agreements / decisions; 0 when there are none. */
  rate: number;
  low: number;
  high: number;
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * The Wilson score interval for `agreements` out of `decisions`. Unlike the
 * bare share it stays honest at small counts: 3 of 3 is [0.44, 1], not 100%,
 * which is why every promotion rule reads the lower bound.
 *
 * @example
 * wilsonInterval(95, 100).low // ≈ 0.888
 */
export function wilsonInterval(agreements: number, decisions: number, z = Z95): AgreementInterval {
  if (decisions <= 0) return { agreements: 0, decisions: 0, rate: 0, low: 0, high: 1 };
  const p = agreements / decisions;
  const z2 = z * z;
  const denominator = 1 + z2 / decisions;
  const centre = p + z2 / (2 * decisions);
  const margin = z * Math.sqrt((p * (1 - p)) / decisions + z2 / (4 * decisions * decisions));
  return {
    agreements,
    decisions,
    rate: p,
    low: Math.max(0, (centre - margin) / denominator),
    high: Math.min(1, (centre + margin) / denominator),
  };
}

/** `93.1% [88.8–96.0%] of 100`: how every command prints an interval. */
export function formatInterval(interval: AgreementInterval): string {
  if (interval.decisions === 0) return "no decisions yet";
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  return `${pct(interval.rate)} [${pct(interval.low)}–${pct(interval.high)}] of ${interval.decisions}`;
}
