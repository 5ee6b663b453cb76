/**
 * Formatting of figures for display. Pure. A missing figure (null) is "—", never 0.
 */
import { strings } from './strings.ts';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** Bytes in binary multiples, as Task Manager shows them (1 KB = 1024 B), one decimal past KB. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return strings.unknown;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} ${UNITS[unit]}` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** A 0–100 figure with one decimal, as Task Manager's CPU column. */
export function formatPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return strings.unknown;
  return `${percent.toFixed(1)}%`;
}
