/**
 * A GPU's utilisation per engine type over time, for the GPU page's small graphs. Pure. The
 * store's history keeps no engines yet (store/history.ts), so the page keeps these points while it
 * is open; when the history carries engines, `engineRows` reads it the same way.
 */
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { HISTORY_CAPACITY } from '../../store/history.ts';
import { GAP_MS, type Row } from './series.ts';

export interface EnginePoint {
  takenAtMs: number;
  /** Utilisation by engine type, %; null where the driver gave none this tick. */
  percents: Record<string, number | null>;
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

/** The point of GPU `gpuId` in `snapshot`, or null where the snapshot has no such GPU. */
export function enginePoint(snapshot: Snapshot, gpuId: string): EnginePoint | null {
  const gpu = snapshot.gpus.find((g) => g.id === gpuId);
  return gpu ? { takenAtMs: snapshot.takenAtMs, percents: enginesByType(gpu.engines) } : null;
}

/** The points with `point` appended, the oldest dropped past `capacity`; a point not newer than the last is ignored. */
export function appendEnginePoint(points: readonly EnginePoint[], point: EnginePoint, capacity = HISTORY_CAPACITY): EnginePoint[] {
  const last = points[points.length - 1];
  if (last && point.takenAtMs <= last.takenAtMs) return points as EnginePoint[];
  const next = points.length >= capacity ? points.slice(points.length - capacity + 1) : points.slice();
  next.push(point);
  return next;
}

/** The engine types of the newest point, in the driver's order. */
export const engineTypes = (points: readonly EnginePoint[]): string[] => Object.keys(points[points.length - 1]?.percents ?? {});

/** Chart rows of one engine type over the last `windowMs`: `t` in seconds before the newest point; gaps as null rows. */
export function engineRows(points: readonly EnginePoint[], windowMs: number, type: string): Row<'v'>[] {
  const newest = points[points.length - 1];
  if (!newest) return [];
  const rows: Row<'v'>[] = [];
  let previousMs: number | null = null;
  for (const point of points) {
    if (point.takenAtMs < newest.takenAtMs - windowMs) continue;
    if (previousMs !== null && point.takenAtMs - previousMs > GAP_MS) rows.push({ t: ((previousMs + point.takenAtMs) / 2 - newest.takenAtMs) / 1000, v: null });
    const value = point.percents[type];
    rows.push({ t: (point.takenAtMs - newest.takenAtMs) / 1000, v: typeof value === 'number' && Number.isFinite(value) ? value : null });
    previousMs = point.takenAtMs;
  }
  return rows;
}
