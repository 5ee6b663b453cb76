/**
 * Figures of the Performance tab that combine two numbers. Pure.
 */
import { strings } from '../../strings.ts';
import { performanceStrings } from './performance-strings.ts';

/**
 * "2.1 GB of 8.0 GB": the part alone where the whole is unknown, "—" where the part is.
 */
export function formatPartOf(part: number | null, whole: number | null, format: (value: number | null) => string): string {
  if (part === null) return strings.unknown;
  if (whole === null) return format(part);
  return performanceStrings.ofTotal(format(part), format(whole));
}

/** Share of a whole in percent, null where either is unknown or the whole is not positive. */
export function percentOf(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || !(whole > 0)) return null;
  return Math.min(100, Math.max(0, (part / whole) * 100));
}

/** An axis label of a percentage chart: "50%". */
export const axisPercent = (value: number): string => `${Math.round(value)}%`;
