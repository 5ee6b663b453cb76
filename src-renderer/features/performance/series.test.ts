import { describe, expect, it } from 'vitest';
import { FIXTURE_TIME_MS } from '../../../src-shared/testing/fixtures.ts';
import type { HistoryPoint } from '../../store/history.ts';
import { cpuRows, diskRows, GAP_MS, maxOf, memoryRows, networkRows, perCoreRows, sumKnown, windowRows } from './series.ts';

/** A history point `sec` seconds after the fixture time; figures unknown unless given. */
function point(sec: number, overrides: Partial<HistoryPoint> = {}): HistoryPoint {
  return {
    takenAtMs: FIXTURE_TIME_MS + sec * 1000,
    cpuPercent: null,
    kernelPercent: null,
    perCorePercent: [],
    memoryUsedBytes: 0,
    memoryCachedBytes: null,
    commitBytes: null,
    swapUsedBytes: null,
    disks: {},
    network: {},
    gpus: {},
    ...overrides,
  };
}

describe('windowRows', () => {
  it('is empty for an empty history', () => {
    expect(cpuRows([], 60_000)).toEqual([]);
    expect(perCoreRows([], 60_000)).toEqual([]);
  });

  it('puts a single point at t = 0', () => {
    expect(cpuRows([point(5, { cpuPercent: 12, kernelPercent: 3 })], 60_000)).toEqual([{ t: 0, total: 12, kernel: 3 }]);
  });

  it('times rows in seconds before the newest point and keeps only the window', () => {
    const history = [0, 29, 30, 35, 39, 40].map((s) => point(s, { cpuPercent: s }));
    expect(cpuRows(history, 10_000).map((r) => [r.t, r.total])).toEqual([
      [-10, 30],
      [-5, 35],
      [-1, 39],
      [0, 40],
    ]);
  });

  it('keeps unknown figures null (a gap), never 0', () => {
    const rows = cpuRows([point(0, { cpuPercent: 10 }), point(1), point(2, { cpuPercent: 0 })], 60_000);
    expect(rows.map((r) => r.total)).toEqual([10, null, 0]);
    expect(rows.map((r) => r.kernel)).toEqual([null, null, null]);
  });

  it('turns values that are no number (NaN, Infinity) into gaps', () => {
    const rows = windowRows([point(0), point(1)], 60_000, ['v'], (p) => ({ v: p.takenAtMs === FIXTURE_TIME_MS ? Number.NaN : Infinity }));
    expect(rows.map((r) => r.v)).toEqual([null, null]);
  });

  it('puts a gap row in a stretch with no points, so no line crosses it', () => {
    const gapSec = GAP_MS / 1000 + 2;
    const rows = cpuRows([point(0, { cpuPercent: 10 }), point(gapSec, { cpuPercent: 20 })], 60_000);
    expect(rows).toEqual([
      { t: -gapSec, total: 10, kernel: null },
      { t: -gapSec / 2, total: null, kernel: null },
      { t: 0, total: 20, kernel: null },
    ]);
    // Ordinary intervals (slow speed: 4 s) are no gap.
    expect(cpuRows([point(0, { cpuPercent: 1 }), point(4, { cpuPercent: 2 })], 60_000)).toHaveLength(2);
  });

  it('keeps all-zero figures as zeros', () => {
    const rows = memoryRows([point(0), point(1)], 60_000);
    expect(rows.map((r) => r.used)).toEqual([0, 0]);
  });
});

describe('device rows', () => {
  it('reads a disk by id; a point without the disk is a gap', () => {
    const history = [point(0), point(1, { disks: { sda: { readBytesPerSec: 100, writeBytesPerSec: null, activePercent: 7 } } })];
    expect(diskRows(history, 60_000, 'sda')).toEqual([
      { t: -1, read: null, write: null, active: null },
      { t: 0, read: 100, write: null, active: 7 },
    ]);
  });

  it('maps a network interface to send (tx) and receive (rx)', () => {
    const history = [point(0, { network: { eth0: { rxBytesPerSec: 10, txBytesPerSec: 20 } } })];
    expect(networkRows(history, 60_000, 'eth0')).toEqual([{ t: 0, send: 20, receive: 10 }]);
  });

  it('gives one row list per core of the newest point, with gaps where a core was unknown', () => {
    const history = [point(0, { perCorePercent: [null] }), point(1, { perCorePercent: [50, 25] })];
    expect(perCoreRows(history, 60_000)).toEqual([
      [
        { t: -1, v: null },
        { t: 0, v: 50 },
      ],
      [
        { t: -1, v: null },
        { t: 0, v: 25 },
      ],
    ]);
  });
});

describe('maxOf and sumKnown', () => {
  it('finds the largest known value, null when none is known', () => {
    const rows = networkRows([point(0, { network: { e: { rxBytesPerSec: 5, txBytesPerSec: null } } }), point(1)], 60_000, 'e');
    expect(maxOf(rows, ['send', 'receive'])).toBe(5);
    expect(maxOf(rows, ['send'])).toBeNull();
    expect(maxOf([], ['send'])).toBeNull();
  });

  it('sums two rates only when both are known', () => {
    expect(sumKnown(1, 2)).toBe(3);
    expect(sumKnown(0, 0)).toBe(0);
    expect(sumKnown(1, null)).toBeNull();
    expect(sumKnown(undefined, 2)).toBeNull();
  });
});

describe('windowRows over a past range (ChartSpan)', () => {
  const END_SEC = 600;
  const span = { windowMs: 600_000, gapMs: 90_000, endMs: FIXTURE_TIME_MS + END_SEC * 1000 };
  it.each<[string, number[], (number | null)[]]>([
    // name, points' seconds (cpu = sec / 10), the totals drawn
    ['steps of a minute are one line, not gaps', [0, 60, 120], [0, 6, 12]],
    ['a step a little late is no gap', [0, 60, 140], [0, 6, 14]],
    ['a missing step is a gap, drawn as a null row', [0, 60, 180], [0, 6, null, 18]],
    ['two holes, two gaps', [0, 120, 180, 300], [0, null, 12, 18, null, 30]],
    ['points after the end are not drawn', [540, 600, 660], [54, 60]],
    ['points before the start are not drawn', [-60, 0, 60], [0, 6]],
  ])('%s', (_name, secs, totals) => {
    const history = secs.map((sec) => point(sec, { cpuPercent: sec / 10 }));
    expect(cpuRows(history, span).map((r) => r.total)).toEqual(totals);
  });

  it('places x in seconds before the range end, not before the newest point', () => {
    const rows = cpuRows([point(300, { cpuPercent: 1 }), point(360, { cpuPercent: 2 })], span);
    expect(rows.map((r) => r.t)).toEqual([-300, -240]);
  });

  it('puts the gap row half way through the hole', () => {
    const rows = cpuRows([point(0, { cpuPercent: 1 }), point(300, { cpuPercent: 2 })], span);
    expect(rows[1]).toEqual({ t: -450, total: null, kernel: null });
  });
});
