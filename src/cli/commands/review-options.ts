import { InvalidArgumentError } from "commander";

/** Parse `--max-cost USD` as a positive number. */
export function parseMaxCost(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new InvalidArgumentError(
      `--max-cost must be a positive number of US dollars, got "${value}"`,
    );
  }
  return parsed;
}

/** Parse a positive integer flag such as `--max-iterations`. */
export function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  }
  return parsed;
}
