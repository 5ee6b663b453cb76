import { describe, expect, it } from 'vitest';
import { cpuFigures, memoryFigures, snapshot } from '../../src-shared/testing/fixtures.ts';
import { systemPointOf } from '../core/recent-series-ring.ts';
import type { SystemPoint } from '../../src-shared/query.ts';
import { DAY_MS, DEFAULT_RETENTION, HOUR_MS, MINUTE_MS, retentionCutoffs, retentionProblem, rollUp, rollUpBySteps, stepStart, tierFor } from './history-rollup.ts';

const T0 = 1_700_000_040_000; // 2023-11-14T22:14:00Z: a whole minute

function point(t: number, totalPercent: number | null, overrides: Partial<SystemPoint> = {}): SystemPoint {
  return { ...systemPointOf(snapshot({ takenAtMs: t, cpu: cpuFigures({ totalPercent, perCorePercent: [totalPercent] }) })), ...overrides };
}
const w = (p: SystemPoint, weight = 1) => ({ point: p, weight });

describe('stepStart', () => {
  it.each([
    ['a whole minute is its own start', T0, MINUTE_MS, T0],
    ['59.999 s in', T0 + 59_999, MINUTE_MS, T0],
    ['the next minute', T0 + 60_000, MINUTE_MS, T0 + 60_000],
    ['1 s steps', T0 + 1_500, 1_000, T0 + 1_000],
    ['hours on the clock', T0 + 10 * MINUTE_MS, HOUR_MS, Math.floor((T0 + 10 * MINUTE_MS) / HOUR_MS) * HOUR_MS],
  ])('%s', (_, t, step, expected) => expect(stepStart(t, step)).toBe(expected));
});

describe('tierFor', () => {
  const now = T0 + 40 * DAY_MS;
  it.each([
    ['1 s steps over the last hour: the 1 s tier', 1_000, now - HOUR_MS, 'system_1s'],
    ['15 s steps: the 1 s tier (no coarser tier fits in 15 s)', 15_000, now - HOUR_MS, 'system_1s'],
    ['1 min steps over the last day: the 1 min tier', MINUTE_MS, now - DAY_MS, 'system_1m'],
    ['5 min steps: the 1 min tier', 300_000, now - DAY_MS, 'system_1m'],
    ['1 h steps: the 1 h tier', HOUR_MS, now - DAY_MS, 'system_1h'],
    ['1 day steps: the 1 h tier', DAY_MS, now - 39 * DAY_MS, 'system_1h'],
    ['1 s steps two days back: only the 1 s tier fits the step, read it anyway (NO_HISTORY)', 1_000, now - 2 * DAY_MS, 'system_1s'],
    ['1 min steps 35 days back: still the 1 min tier (the 1 h one is coarser than the step)', MINUTE_MS, now - 35 * DAY_MS, 'system_1m'],
  ])('%s', (_, step, from, table) => expect(tierFor(step, from, now).table).toBe(table));
});

describe('retentionCutoffs', () => {
  it('keeps 1 s for a day, 1 min for 30 days, 1 h for a year, active samples a day, minute lists 7 days', () => {
    const now = T0 + 400 * DAY_MS;
    expect(retentionCutoffs(now)).toEqual({
      system: { system_1s: now - DAY_MS, system_1m: now - 30 * DAY_MS, system_1h: now - 365 * DAY_MS },
      activeSamples: now - DAY_MS,
      minuteLists: now - 7 * DAY_MS,
      usageMinutes: now - 30 * DAY_MS,
      usageHours: now - 365 * DAY_MS,
    });
  });

  it('follows a retention given', () => {
    const now = T0 + 400 * DAY_MS;
    const retention = { secondsMs: 2 * DAY_MS, minutesMs: 60 * DAY_MS, hoursMs: 730 * DAY_MS, processListsMs: 14 * DAY_MS, usageMinutesMs: 60 * DAY_MS, usageHoursMs: 730 * DAY_MS };
    expect(retentionCutoffs(now, retention)).toEqual({
      system: { system_1s: now - 2 * DAY_MS, system_1m: now - 60 * DAY_MS, system_1h: now - 730 * DAY_MS },
      activeSamples: now - 2 * DAY_MS,
      minuteLists: now - 14 * DAY_MS,
      usageMinutes: now - 60 * DAY_MS,
      usageHours: now - 730 * DAY_MS,
    });
  });
});

describe('retentionProblem', () => {
  it.each([
    ['the defaults', {}, null],
    ['a week of seconds with a week of lists', { secondsMs: 7 * DAY_MS }, null],
    ['an hour of everything fine-grained', { secondsMs: HOUR_MS, processListsMs: HOUR_MS }, null],
    ['less than an hour', { secondsMs: 30 * MINUTE_MS }, 'secondsMs: at least an hour'],
    ['more than ten years', { hoursMs: 11 * 365 * DAY_MS, usageHoursMs: 11 * 365 * DAY_MS }, 'hoursMs: at most ten years'],
    ['not a number', { minutesMs: Number.NaN }, 'minutesMs: at least an hour'],
    ['minutes kept shorter than seconds', { secondsMs: 40 * DAY_MS, processListsMs: 40 * DAY_MS, usageMinutesMs: 40 * DAY_MS }, 'minutesMs: kept at least as long as secondsMs'],
    ['hours kept shorter than minutes', { hoursMs: 10 * DAY_MS }, 'hoursMs: kept at least as long as minutesMs'],
    ['lists kept shorter than seconds', { secondsMs: 8 * DAY_MS }, 'processListsMs: kept at least as long as secondsMs'],
    ['usage by the hour shorter than by the minute', { usageHoursMs: 10 * DAY_MS }, 'usageHoursMs: kept at least as long as usageMinutesMs'],
  ])('%s', (_, change, expected) => expect(retentionProblem({ ...DEFAULT_RETENTION, ...change })).toBe(expected));
});

describe('rollUp', () => {
  it('means every figure, weighted, and stamps the step', () => {
    const rolled = rollUp([w(point(T0, 10)), w(point(T0 + 1_000, 40), 2)], T0, MINUTE_MS);
    expect(rolled.weight).toBe(3);
    expect(rolled.point.cpu.totalPercent).toBe(30);
    expect(rolled.point.cpu.perCorePercent).toEqual([30]);
    expect(rolled.point.takenAtMs).toBe(T0);
    expect(rolled.point.intervalMs).toBe(MINUTE_MS);
    expect(rolled.point.memory.usedBytes).toBe(2_000_000_000);
  });

  it('a figure unknown in some points is the mean of the others; unknown in all stays null', () => {
    const rolled = rollUp([w(point(T0, null)), w(point(T0 + 1_000, 50)), w(point(T0 + 2_000, null))], T0, MINUTE_MS);
    expect(rolled.point.cpu.totalPercent).toBe(50);
    expect(rolled.point.cpu.kernelPercent).toBeNull();
    expect(rolled.point.memory.cachedBytes).toBeNull();
  });

  it('matches disks by id: one seen only in some points is the mean of those, order of first appearance', () => {
    const disk = (id: string, readBytesPerSec: number) => ({ id, name: id, readBytesPerSec, writeBytesPerSec: null, activePercent: 0, responseTimeMs: null });
    const rolled = rollUp(
      [w(point(T0, 1, { disks: [disk('sda', 100), disk('sdb', 10)] })), w(point(T0 + 1_000, 1, { disks: [disk('sdb', 30)] }))],
      T0,
      MINUTE_MS,
    );
    expect(rolled.point.disks).toEqual([disk('sda', 100), disk('sdb', 20)]);
  });

  it('keeps the newest text (a model name that changed)', () => {
    const rolled = rollUp(
      [w(point(T0, 1, { cpu: cpuFigures({ model: 'old' }) })), w(point(T0 + 1_000, 1, { cpu: cpuFigures({ model: 'new' }) }))],
      T0,
      MINUTE_MS,
    );
    expect(rolled.point.cpu.model).toBe('new');
  });

  it('refuses nothing to roll up', () => expect(() => rollUp([], T0, MINUTE_MS)).toThrow(RangeError));
});

describe('rollUpBySteps', () => {
  it('one point per step that has any, gaps left out', () => {
    const points = [w(point(T0, 10)), w(point(T0 + 30_000, 20)), w(point(T0 + 3 * MINUTE_MS, 60))];
    const rolled = rollUpBySteps(points, MINUTE_MS);
    expect(rolled.map((p) => [p.point.takenAtMs, p.point.cpu.totalPercent, p.weight])).toEqual([
      [T0, 15, 2],
      [T0 + 3 * MINUTE_MS, 60, 1],
    ]);
  });

  it('nothing in, nothing out', () => expect(rollUpBySteps([], MINUTE_MS)).toEqual([]));

  it('isLoneKept: a second with one tick is that tick as recorded; one with several (250 ms sampling) is their mean', () => {
    const lone = point(T0 + 1_250, 10, { intervalMs: 1_003 });
    const rolled = rollUpBySteps([w(lone), w(point(T0 + 2_000, 20)), w(point(T0 + 2_250, 40))], 1_000, true);
    expect(rolled.map((p) => p.point)).toEqual([lone, { ...point(T0 + 2_000, 30), takenAtMs: T0 + 2_000, intervalMs: 1_000, seq: 1 }]);
  });

  it('memory means over a minute', () => {
    const points = [0, 1, 2].map((i) => w(point(T0 + i * 1_000, 0, { memory: memoryFigures({ usedBytes: 1_000 * (i + 1) }) })));
    expect(rollUpBySteps(points, MINUTE_MS)[0]?.point.memory.usedBytes).toBe(2_000);
  });
});
