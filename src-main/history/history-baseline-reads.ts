/**
 * The samples of an anomaly rule's baseline (src-main/alerts/), read on the writer's thread: a
 * figure's minute roll-ups over the windows asked (the same local hour on each of the last days).
 * A machine's figures come from the 1 min system tier; an app's CPU % and memory from the usage
 * minutes (history-usage-db.ts `appMinutes`), in the minutes it ran. Internal: no query kind, no
 * schema (only the alert service asks, with windows it computed).
 */
import type { SystemPoint } from '../../src-shared/query.ts';
import type { HistoryDb } from './history-db.ts';
import { usageOf } from './history-usage.ts';

export interface BaselineSampleQuery {
  scope: 'machine' | 'app';
  metric: 'cpuPercent' | 'memoryUsedPercent' | 'diskBytesPerSec' | 'networkBytesPerSec' | 'memoryBytes';
  /** The app's name as the Apps tab shows it (scope app). */
  app: string | null;
  /** [fromMs, toMs) ranges, each read on its own (at most a few days of an hour each). */
  windows: readonly { fromMs: number; toMs: number }[];
}

/** One minute's figure, in the metric's units. */
export interface BaselineSample {
  atMs: number;
  value: number;
}

const sum = (values: readonly (number | null)[]): number | null => (values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0));

/** A machine figure of a roll-up point (all disks, all interfaces together), or null where this machine has none. Pure. */
export function machineBaselineValue(point: SystemPoint, metric: BaselineSampleQuery['metric']): number | null {
  switch (metric) {
    case 'cpuPercent':
      return point.cpu.totalPercent;
    case 'memoryUsedPercent':
      return point.memory.totalBytes > 0 ? (100 * point.memory.usedBytes) / point.memory.totalBytes : null;
    case 'diskBytesPerSec':
      return sum(point.disks.flatMap((d) => [d.readBytesPerSec, d.writeBytesPerSec]));
    case 'networkBytesPerSec':
      return sum(point.network.flatMap((n) => [n.rxBytesPerSec, n.txBytesPerSec]));
    case 'memoryBytes':
      return null; // an app's figure, not the machine's
  }
}

export function readBaselineSamples(db: HistoryDb, query: BaselineSampleQuery): BaselineSample[] {
  const samples: BaselineSample[] = [];
  for (const window of query.windows) {
    if (query.scope === 'machine') {
      for (const { point } of db.readPoints('system_1m', window.fromMs, window.toMs)) {
        const value = machineBaselineValue(point, query.metric);
        if (value !== null && Number.isFinite(value)) samples.push({ atMs: point.takenAtMs, value });
      }
    } else if (query.app !== null) {
      for (const minute of db.usage.appMinutes(query.app, window.fromMs, window.toMs)) {
        const usage = usageOf(minute.totals, minute.capacityMs);
        const value = query.metric === 'memoryBytes' ? usage.memoryMeanBytes : query.metric === 'cpuPercent' ? usage.cpuPercentMean : null;
        if (value !== null && Number.isFinite(value)) samples.push({ atMs: minute.t, value });
      }
    }
  }
  return samples;
}
