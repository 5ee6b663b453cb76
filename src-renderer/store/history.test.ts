import { describe, expect, it } from 'vitest';
import { cpuFigures, FIXTURE_TIME_MS, memoryFigures, snapshot } from '../../src-shared/testing/fixtures.ts';
import { appendHistory, HISTORY_CAPACITY, historyPoint, historyWindow, type HistoryPoint } from './history.ts';

/** A point at `takenAtMs` from an otherwise empty snapshot. */
const pointAt = (takenAtMs: number): HistoryPoint => historyPoint(snapshot({ takenAtMs }));
const times = (history: readonly HistoryPoint[]) => history.map((p) => p.takenAtMs);

describe('historyPoint', () => {
  it('keeps what the charts draw from a snapshot, devices by id or name', () => {
    const point = historyPoint(
      snapshot({
        takenAtMs: FIXTURE_TIME_MS + 5000,
        cpu: cpuFigures({ totalPercent: 37.5, kernelPercent: 5, perCorePercent: [50, 25], logicalCores: 2 }),
        memory: memoryFigures({ usedBytes: 3_000_000_000, cachedBytes: 1_000_000_000, commitBytes: 4_000_000_000, swapUsedBytes: 0 }),
        disks: [{ id: 'nvme0n1', name: 'NVMe', readBytesPerSec: 1000, writeBytesPerSec: null, activePercent: 12, responseTimeMs: null }],
        network: [{ name: 'eth0', rxBytesPerSec: 200, txBytesPerSec: 100, rxTotalBytes: 1e9, txTotalBytes: 5e8 }],
        gpus: [
          { id: 'gpu0', name: 'H100', vendor: 'nvidia', utilizationPercent: 80, memoryUsedBytes: 1e10, memoryTotalBytes: 8e10, temperatureC: 50, sharedMemoryUsedBytes: null, engines: [{ name: 'Copy', utilizationPercent: 4 }, { name: 'Copy', utilizationPercent: 6 }] },
        ],
      }),
    );
    expect(point).toEqual({
      takenAtMs: FIXTURE_TIME_MS + 5000,
      cpuPercent: 37.5,
      kernelPercent: 5,
      perCorePercent: [50, 25],
      memoryUsedBytes: 3_000_000_000,
      memoryCachedBytes: 1_000_000_000,
      commitBytes: 4_000_000_000,
      swapUsedBytes: 0,
      disks: { nvme0n1: { readBytesPerSec: 1000, writeBytesPerSec: null, activePercent: 12 } },
      network: { eth0: { rxBytesPerSec: 200, txBytesPerSec: 100 } },
      gpus: { gpu0: { utilizationPercent: 80, memoryUsedBytes: 1e10, engines: { Copy: 6 } } },
    });
  });

  it('keeps unknown figures unknown (null), never 0', () => {
    const point = historyPoint(snapshot());
    expect(point.cpuPercent).toBeNull();
    expect(point.kernelPercent).toBeNull();
    expect(point.perCorePercent).toEqual([null]);
    expect(point.memoryCachedBytes).toBeNull();
    expect(point.commitBytes).toBeNull();
    expect(point.swapUsedBytes).toBeNull();
    expect(point.disks).toEqual({});
    expect(point.network).toEqual({});
    expect(point.gpus).toEqual({});
  });
});

describe('appendHistory', () => {
  it('appends a newer point at the end', () => {
    const history = appendHistory(appendHistory([], pointAt(1000)), pointAt(2000));
    expect(times(history)).toEqual([1000, 2000]);
  });

  it('returns a new array and leaves the old one as it was', () => {
    const before = [pointAt(1000)];
    const after = appendHistory(before, pointAt(2000));
    expect(after).not.toBe(before);
    expect(times(before)).toEqual([1000]);
  });

  it('drops the oldest points past its capacity', () => {
    let history: HistoryPoint[] = [];
    for (let t = 1; t <= 5; t++) history = appendHistory(history, pointAt(t * 1000), 3);
    expect(times(history)).toEqual([3000, 4000, 5000]);
  });

  it('at capacity, the appended array is a new one and the old one keeps its oldest point', () => {
    const full = [pointAt(1000), pointAt(2000), pointAt(3000)];
    const next = appendHistory(full, pointAt(4000), 3);
    expect(times(next)).toEqual([2000, 3000, 4000]);
    expect(times(full)).toEqual([1000, 2000, 3000]);
  });

  it('trims a history longer than the capacity down to it', () => {
    const long = [1, 2, 3, 4, 5].map((s) => pointAt(s * 1000));
    expect(times(appendHistory(long, pointAt(6000), 2))).toEqual([5000, 6000]);
  });

  it('defaults to 5 minutes at the fastest speed (600 points)', () => {
    expect(HISTORY_CAPACITY).toBe(600);
    let history: HistoryPoint[] = [];
    for (let i = 1; i <= 700; i++) history = appendHistory(history, pointAt(i * 500));
    expect(history).toHaveLength(600);
    expect(history[0]?.takenAtMs).toBe(101 * 500);
  });

  it.each([
    ['the same time as the last', 2000],
    ['older than the last', 1500],
  ])('ignores a point taken at %s', (_what, takenAtMs) => {
    const history = [pointAt(1000), pointAt(2000)];
    const next = appendHistory(history, pointAt(takenAtMs));
    expect(times(next)).toEqual([1000, 2000]);
    expect(next).toBe(history);
  });
});

describe('historyWindow', () => {
  const history = [1000, 2000, 3000, 4000, 5000].map(pointAt);

  it('keeps the points of the last windowMs, the one exactly at its start included', () => {
    expect(times(historyWindow(history, 5000, 2000))).toEqual([3000, 4000, 5000]);
  });

  it('drops a point 1 ms older than the window', () => {
    expect(times(historyWindow(history, 5001, 2000))).toEqual([4000, 5000]);
  });

  it('is everything when the window reaches past the oldest point', () => {
    expect(times(historyWindow(history, 5000, 60_000))).toEqual([1000, 2000, 3000, 4000, 5000]);
  });

  it('is empty when every point is older than the window', () => {
    expect(historyWindow(history, 100_000, 1000)).toEqual([]);
  });

  it('is empty for an empty history', () => {
    expect(historyWindow([], 5000, 60_000)).toEqual([]);
  });
});
