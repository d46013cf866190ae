import { wilsonInterval } from "../core/wilson-interval.js";

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

/**
 * The agreement share with its 95% Wilson score interval (core's
 * wilsonInterval, shared with eval satisfaction). The bare share hides small
 * counts: 3 of 3 is [0.44, 1], not 100%, which is why every promotion rule
 * reads the lower bound.
 *
 * @example
 * agreementInterval(95, 100).low // ≈ 0.888
 */
export function agreementInterval(agreements: number, decisions: number): AgreementInterval {
  if (decisions <= 0) return { agreements: 0, decisions: 0, rate: 0, low: 0, high: 1 };
  return {
    agreements,
    decisions,
    rate: agreements / decisions,
    ...wilsonInterval(agreements, decisions),
  };
}

/** `93.1% [88.8–96.0%] of 100`: how every command prints an interval. */
export function formatInterval(interval: AgreementInterval): string {
  if (interval.decisions === 0) return "no decisions yet";
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  return `${pct(interval.rate)} [${pct(interval.low)}–${pct(interval.high)}] of ${interval.decisions}`;
}
