/**
 * Chart history kept by the renderer (the collector knows nothing of charts). Pure: a point is
 * made from a snapshot, appended to a bounded list. How much of it a chart shows is the view's
 * choice (60 s or 5 min), so the list holds enough for the longest window at the fastest speed.
 */
import type { SystemPoint } from '../../src-shared/query.ts';

/** 5 minutes at the fastest update speed (0.5 s). */
export const HISTORY_CAPACITY = 600;

export interface HistoryPoint {
  takenAtMs: number;
  cpuPercent: number | null;
  kernelPercent: number | null;
  perCorePercent: (number | null)[];
  memoryUsedBytes: number;
  memoryCachedBytes: number | null;
  commitBytes: number | null;
  swapUsedBytes: number | null;
  disks: Record<string, { readBytesPerSec: number | null; writeBytesPerSec: number | null; activePercent: number | null }>;
  network: Record<string, { rxBytesPerSec: number | null; txBytesPerSec: number | null }>;
  /** Per GPU; `engines` is the busy % by engine type (`enginesByType`). */
  gpus: Record<string, { utilizationPercent: number | null; memoryUsedBytes: number | null; engines: Record<string, number | null> }>;
}

/** A chart point from a snapshot, or from a `SystemPoint` of the host's recent series (the same figures). */
export function historyPoint(snapshot: SystemPoint): HistoryPoint {
  return {
    takenAtMs: snapshot.takenAtMs,
    cpuPercent: snapshot.cpu.totalPercent,
    kernelPercent: snapshot.cpu.kernelPercent,
    perCorePercent: snapshot.cpu.perCorePercent,
    memoryUsedBytes: snapshot.memory.usedBytes,
    memoryCachedBytes: snapshot.memory.cachedBytes,
    commitBytes: snapshot.memory.commitBytes,
    swapUsedBytes: snapshot.memory.swapUsedBytes,
    disks: Object.fromEntries(
      snapshot.disks.map((d) => [d.id, { readBytesPerSec: d.readBytesPerSec, writeBytesPerSec: d.writeBytesPerSec, activePercent: d.activePercent }]),
    ),
    network: Object.fromEntries(snapshot.network.map((n) => [n.name, { rxBytesPerSec: n.rxBytesPerSec, txBytesPerSec: n.txBytesPerSec }])),
    gpus: Object.fromEntries(
      snapshot.gpus.map((g) => [g.id, { utilizationPercent: g.utilizationPercent, memoryUsedBytes: g.memoryUsedBytes, engines: enginesByType(g.engines) }]),
    ),
  };
}

/**
 * Engine utilisation by type, in the order the driver lists them. Several engines of one type
 * (two "Copy" engines) are one graph at the busiest one's figure, as Task Manager draws them.
 */
export function enginesByType(engines: readonly { name: string; utilizationPercent: number | null }[]): Record<string, number | null> {
  const byType: Record<string, number | null> = {};
  for (const { name, utilizationPercent } of engines) {
    const before = byType[name];
    byType[name] = before === undefined || before === null ? utilizationPercent : utilizationPercent === null ? before : Math.max(before, utilizationPercent);
  }
  return byType;
}

/** The history with `point` appended, oldest dropped past `capacity`; a point not newer than the last is ignored. */
export function appendHistory(history: readonly HistoryPoint[], point: HistoryPoint, capacity = HISTORY_CAPACITY): HistoryPoint[] {
  const last = history[history.length - 1];
  if (last && point.takenAtMs <= last.takenAtMs) return history as HistoryPoint[];
  const next = history.length >= capacity ? history.slice(history.length - capacity + 1) : history.slice();
  next.push(point);
  return next;
}

/** The points of the last `windowMs` before `nowMs`. */
export function historyWindow(history: readonly HistoryPoint[], nowMs: number, windowMs: number): HistoryPoint[] {
  const from = nowMs - windowMs;
  let start = history.length;
  while (start > 0 && (history[start - 1]?.takenAtMs ?? 0) >= from) start -= 1;
  return history.slice(start);
}
