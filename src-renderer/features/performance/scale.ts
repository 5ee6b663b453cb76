/**
 * The top of a chart's y axis. Percentages are fixed at 0–100; byte rates are autoscaled to a
 * "nice" binary figure (1, 2 or 5 × 1024ᵏ, or 10, 20, 50, 100, 200, 500 of one unit) so that the
 * axis label reads "2.0 MB/s", never "1.7 MB/s", and it changes only when the data crosses a step.
 * Pure.
 */

/** The smallest top an autoscaled rate chart has (1 KB/s): an idle link is a flat line, not noise blown up. */
export const MIN_RATE_MAX = 1024;

const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1024] as const;

/** The smallest nice binary figure ≥ the largest finite value, and at least `floor`. */
export function niceBinaryMax(values: Iterable<number | null>, floor = MIN_RATE_MAX): number {
  let max = 0;
  for (const value of values) if (value !== null && Number.isFinite(value) && value > max) max = value;
  if (max <= floor) return floor;
  let unit = 1;
  while (max / unit >= 1024) unit *= 1024;
  const mantissa = max / unit;
  const step = STEPS.find((s) => s >= mantissa) ?? 1024;
  return step * unit;
}

/** A fixed top for a figure with a known size (memory in use of the total); never 0. */
export const fixedMax = (size: number | null): number => (size !== null && Number.isFinite(size) && size > 0 ? size : 1);

/** The smallest top of a bits-per-second chart (10 Kbps): an idle link is a flat line, not noise blown up. */
export const MIN_BIT_RATE_MAX = 10_000;

/**
 * The smallest nice decimal figure (1, 2 or 5 × 10ᵏ) ≥ the largest finite value, and at least
 * `floor`: the top of a bits-per-second axis, which reads "2.0 Mbps", "500.0 Kbps".
 */
export function niceDecimalMax(values: Iterable<number | null>, floor = MIN_BIT_RATE_MAX): number {
  let max = 0;
  for (const value of values) if (value !== null && Number.isFinite(value) && value > max) max = value;
  if (max <= floor) return floor;
  let unit = 1;
  while (max / unit >= 10) unit *= 10;
  const mantissa = max / unit;
  const step = [1, 2, 5, 10].find((s) => s >= mantissa) ?? 10;
  return step * unit;
}
