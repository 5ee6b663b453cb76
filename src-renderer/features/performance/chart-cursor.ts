/**
 * The chart cursor's arithmetic. Pure: which row a pointer or key lands on, and what it reads.
 */
import type { Row } from './series.ts';

/** The row nearest to `t` (seconds, ≤ 0), or −1 when there are none. */
export function nearestRow(rows: readonly { t: number }[], t: number): number {
  let best = -1;
  let bestDistance = Infinity;
  rows.forEach((row, index) => {
    const distance = Math.abs(row.t - t);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

/** The `t` (seconds) under a pointer `fraction` (0 = left edge, 1 = right) of a chart spanning `windowSec`. */
export const tAtFraction = (fraction: number, windowSec: number): number => (Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 1)) - 1) * windowSec;

/** The moment a row stands for, ms since the epoch. */
export const rowMs = (row: { t: number }, endMs: number): number => Math.round(endMs + row.t * 1000);

/** A row's figures as text, in series order: unknown (and a gap) reads "—", never 0. */
export function rowFigures<K extends string>(row: Row<K>, keys: readonly K[], names: Readonly<Record<string, string>>, format: (value: number) => string, unknown: string): string {
  return keys
    .map((key) => {
      const value = row[key];
      const name = names[key];
      const text = value === null ? unknown : format(value);
      return name ? `${name} ${text}` : text;
    })
    .join(', ');
}
