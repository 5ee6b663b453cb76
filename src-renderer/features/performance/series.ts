/**
 * History points → chart rows. Pure. A row's `t` is seconds before the newest point (≤ 0), so
 * the x domain of every chart is fixed at [−window, 0] and the line enters from the right as Task
 * Manager's does. Unknown figures stay null (a gap in the line, never a 0); so does a stretch
 * with no points at all (paused, collector down): a row of nulls is put in it so no line is drawn
 * across time nothing was measured.
 */
import { historyWindow, type HistoryPoint } from '../../store/history.ts';

/** A hole longer than this between two points is a gap: 2.5 × the slowest update speed (4 s). */
export const GAP_MS = 10_000;

export type Values<K extends string> = { [P in K]: number | null };
export type Row<K extends string> = { t: number } & Values<K>;

/** A value a chart can draw: a finite number, else null. */
const drawable = (value: number | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * What a chart spans. A number: the live window, ms, ending at the newest point, with live gaps
 * (GAP_MS). A past range from the history store: its length, the hole that is a gap at its step,
 * and where it ends (the range's end, so time with nothing recorded at the end shows as empty).
 */
export interface ChartSpan {
  windowMs: number;
  gapMs: number;
  endMs: number;
}
export type Span = number | ChartSpan;

/** The rows of the last `span` of `history`, by `pick`, with null rows in the gaps. */
export function windowRows<K extends string>(history: readonly HistoryPoint[], span: Span, keys: readonly K[], pick: (point: HistoryPoint) => Values<K>): Row<K>[] {
  const newest = history[history.length - 1];
  if (!newest) return [];
  const { windowMs, gapMs, endMs: nowMs } = typeof span === 'number' ? { windowMs: span, gapMs: GAP_MS, endMs: newest.takenAtMs } : span;
  const rows: Row<K>[] = [];
  let previousMs: number | null = null;
  for (const point of historyWindow(history, nowMs, windowMs)) {
    if (point.takenAtMs > nowMs) break;
    if (previousMs !== null && point.takenAtMs - previousMs > gapMs) {
      rows.push(makeRow(((previousMs + point.takenAtMs) / 2 - nowMs) / 1000, keys, () => null));
    }
    const values = pick(point);
    rows.push(makeRow((point.takenAtMs - nowMs) / 1000, keys, (key) => drawable(values[key])));
    previousMs = point.takenAtMs;
  }
  return rows;
}

function makeRow<K extends string>(t: number, keys: readonly K[], value: (key: K) => number | null): Row<K> {
  const row: Record<string, number | null> = { t };
  for (const key of keys) row[key] = value(key);
  return row as Row<K>;
}

/** The largest drawable value of `keys` over `rows`, or null when there is none. */
export function maxOf<K extends string>(rows: readonly Row<K>[], keys: readonly K[]): number | null {
  let max: number | null = null;
  for (const row of rows) {
    for (const key of keys) {
      const value = row[key];
      if (value !== null && (max === null || value > max)) max = value;
    }
  }
  return max;
}

/** Sum of two rates, null when either is unknown (a half-known sum would read as a real figure). */
export const sumKnown = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined ? null : a + b;

export const CPU_KEYS = ['total', 'kernel'] as const;
export const cpuRows = (history: readonly HistoryPoint[], span: Span) =>
  windowRows(history, span, CPU_KEYS, (p) => ({ total: p.cpuPercent, kernel: p.kernelPercent }));

export const MEMORY_KEYS = ['used'] as const;
export const memoryRows = (history: readonly HistoryPoint[], span: Span) =>
  windowRows(history, span, MEMORY_KEYS, (p) => ({ used: p.memoryUsedBytes }));

export const DISK_KEYS = ['read', 'write', 'active'] as const;
export const diskRows = (history: readonly HistoryPoint[], span: Span, diskId: string) =>
  windowRows(history, span, DISK_KEYS, (p) => {
    const d = p.disks[diskId];
    return { read: d?.readBytesPerSec ?? null, write: d?.writeBytesPerSec ?? null, active: d?.activePercent ?? null };
  });

export const NETWORK_KEYS = ['send', 'receive'] as const;
export const networkRows = (history: readonly HistoryPoint[], span: Span, name: string) =>
  windowRows(history, span, NETWORK_KEYS, (p) => {
    const n = p.network[name];
    return { send: n?.txBytesPerSec ?? null, receive: n?.rxBytesPerSec ?? null };
  });

/** As `networkRows`, in bits per second (what the network page draws, as Task Manager does). */
export const networkBitRows = (history: readonly HistoryPoint[], span: Span, name: string) =>
  windowRows(history, span, NETWORK_KEYS, (p) => {
    const n = p.network[name];
    const bits = (bytesPerSec: number | null | undefined) => (bytesPerSec === null || bytesPerSec === undefined ? null : bytesPerSec * 8);
    return { send: bits(n?.txBytesPerSec), receive: bits(n?.rxBytesPerSec) };
  });

export const GPU_KEYS = ['utilization'] as const;
export const gpuRows = (history: readonly HistoryPoint[], span: Span, gpuId: string) =>
  windowRows(history, span, GPU_KEYS, (p) => ({ utilization: p.gpus[gpuId]?.utilizationPercent ?? null }));

/** One row list per logical core (as many as the newest point has), for the per-core grid. */
export function perCoreRows(history: readonly HistoryPoint[], span: Span): Row<'v'>[][] {
  const cores = history[history.length - 1]?.perCorePercent.length ?? 0;
  return Array.from({ length: cores }, (_, core) => windowRows(history, span, ['v'], (p) => ({ v: p.perCorePercent[core] ?? null })));
}
