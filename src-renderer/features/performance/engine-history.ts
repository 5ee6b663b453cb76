/**
 * A GPU's utilisation per engine type over time, for the GPU page's small graphs. Pure. The
 * points come from the store's chart history (store/history.ts keeps each GPU's engines), so the
 * graphs start with what the page had before it was opened, the host's last minutes included.
 */
import { enginesByType, type HistoryPoint } from '../../store/history.ts';
import { GAP_MS, type Row, type Span } from './series.ts';

export interface EnginePoint {
  takenAtMs: number;
  /** Utilisation by engine type, %; null where the driver gave none this tick. */
  percents: Record<string, number | null>;
}

export { enginesByType };

/** The engine points of GPU `gpuId` in the chart history (points where it is absent are left out: a gap). */
export function enginePointsOf(history: readonly HistoryPoint[], gpuId: string): EnginePoint[] {
  const points: EnginePoint[] = [];
  for (const point of history) {
    const gpu = point.gpus[gpuId];
    if (gpu) points.push({ takenAtMs: point.takenAtMs, percents: gpu.engines });
  }
  return points;
}

/** The engine types of the newest point, in the driver's order. */
export const engineTypes = (points: readonly EnginePoint[]): string[] => Object.keys(points[points.length - 1]?.percents ?? {});

/** Chart rows of one engine type over the last `span` (series.ts `Span`): `t` in seconds before its end; gaps as null rows. */
export function engineRows(points: readonly EnginePoint[], span: Span, type: string): Row<'v'>[] {
  const newest = points[points.length - 1];
  if (!newest) return [];
  const { windowMs, gapMs, endMs } = typeof span === 'number' ? { windowMs: span, gapMs: GAP_MS, endMs: newest.takenAtMs } : span;
  const rows: Row<'v'>[] = [];
  let previousMs: number | null = null;
  for (const point of points) {
    if (point.takenAtMs < endMs - windowMs || point.takenAtMs > endMs) continue;
    if (previousMs !== null && point.takenAtMs - previousMs > gapMs) rows.push({ t: ((previousMs + point.takenAtMs) / 2 - endMs) / 1000, v: null });
    const value = point.percents[type];
    rows.push({ t: (point.takenAtMs - endMs) / 1000, v: typeof value === 'number' && Number.isFinite(value) ? value : null });
    previousMs = point.takenAtMs;
  }
  return rows;
}
