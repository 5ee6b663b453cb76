import { describe, expect, it } from 'vitest';
import type { App, ProcessRow } from '../../src-shared/snapshot.ts';
import { cpuFigures, processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { HistoryRecorder } from './history-recorder.ts';
import { MINUTE_MS } from './history-rollup.ts';
import { emptyBucket, emptyTotals, keptProcesses, mergeBucket, thinnedProcesses, topOf, UsageAccumulator, usageOf, type UsageBucket, type UsageTotals } from './history-usage.ts';

const T0 = 1_700_000_040_000; // a whole minute
const MB = 1_000_000;

interface Step {
  /** ms after T0 */
  at: number;
  intervalMs?: number;
  rows: Partial<ProcessRow>[];
  apps?: App[];
}

/** Feeds snapshots through the real recorder (what the writer receives) into an accumulator; the minutes it ended and the one under way. */
function accumulate(steps: readonly Step[], cores = 4): UsageBucket[] {
  const recorder = new HistoryRecorder();
  const accumulator = new UsageAccumulator();
  const minutes: UsageBucket[] = [];
  steps.forEach((step, i) => {
    const snap = snapshot({
      seq: i + 1,
      takenAtMs: T0 + step.at,
      intervalMs: step.intervalMs ?? 1_000,
      cpu: cpuFigures({ logicalCores: cores, perCorePercent: Array.from({ length: cores }, () => null) }),
      processes: step.rows.map((r) => processRow({ exePath: `/bin/${r.name ?? 'p'}`, ...r })),
      apps: step.apps ?? [],
    });
    const tick = recorder.record(snap);
    if (tick) minutes.push(...accumulator.add(tick));
  });
  const current = accumulator.current();
  return current ? [...minutes, current] : minutes;
}

const proc = (pid: number, figures: Partial<ProcessRow>): Partial<ProcessRow> => ({ pid, name: `p${pid}`, cpuPercent: 0, memoryBytes: 100 * MB, ...figures });

function totalsOf(minutes: UsageBucket[], pid: number): UsageTotals | undefined {
  return minutes.at(-1)?.processes.get(`${pid}:1700000000000`)?.totals;
}

describe('UsageAccumulator', () => {
  it.each<[string, Step[], Partial<UsageTotals>]>([
    [
      'CPU time: cpuPercent / 100 × logical CPUs × interval; an idle second counts 0',
      [
        { at: 0, rows: [proc(1, { cpuPercent: 50 })] },
        { at: 1_000, rows: [proc(1, { cpuPercent: 50 })] },
        { at: 2_000, rows: [proc(1, { cpuPercent: 0 })] },
      ],
      { cpuTimeMs: 0.5 * 4 * 1_000 * 2, presentMs: 3_000 },
    ],
    [
      'a first sample (CPU not known yet) counts 0',
      [{ at: 0, rows: [proc(1, { cpuPercent: null })] }],
      { cpuTimeMs: 0, presentMs: 1_000 },
    ],
    [
      'memory: the peak, and the mean over its time (an idle second keeps its latest sample)',
      [
        { at: 0, rows: [proc(1, { cpuPercent: 1, memoryBytes: 100 * MB })] },
        { at: 1_000, rows: [proc(1, { cpuPercent: 1, memoryBytes: 300 * MB })] },
        { at: 2_000, rows: [proc(1, { cpuPercent: 0, memoryBytes: 999 * MB })] },
      ],
      // The third second is idle: not sent (the recorder sends active rows), so 300 MB stands.
      { memoryPeakBytes: 300 * MB, memoryByteMs: (100 + 300 + 300) * MB * 1_000, memoryKnownMs: 3_000 },
    ],
    [
      'disk bytes: the rates × the interval; GPU time: gpuPercent / 100 × the interval',
      [
        { at: 0, intervalMs: 500, rows: [proc(1, { ioReadBytesPerSec: 1_000, ioWriteBytesPerSec: 0, gpuPercent: 50 })] },
        { at: 500, intervalMs: 500, rows: [proc(1, { ioReadBytesPerSec: 3_000, ioWriteBytesPerSec: 2_000, gpuPercent: 10 })] },
      ],
      { diskReadBytes: 2_000, diskWriteBytes: 1_000, gpuTimeMs: 300, presentMs: 1_000 },
    ],
    [
      'figures the OS does not give stay null, never 0',
      [{ at: 0, rows: [proc(1, { cpuPercent: 5, memoryBytes: null })] }],
      { memoryPeakBytes: null, memoryKnownMs: 0, diskReadBytes: null, gpuTimeMs: null, netRxBytes: null, netTxBytes: null },
    ],
    [
      'network where known: bytes received and sent',
      [{ at: 0, rows: [proc(1, { netRxBytesPerSec: 10_000, netTxBytesPerSec: 500 })] }],
      { netRxBytes: 10_000, netTxBytes: 500 },
    ],
    [
      'network at 0 % CPU still counts (the recorder sends the row)',
      [
        { at: 0, rows: [proc(1, { netRxBytesPerSec: 0, netTxBytesPerSec: 0 })] },
        { at: 1_000, rows: [proc(1, { netRxBytesPerSec: 2_000, netTxBytesPerSec: 0 })] },
      ],
      { netRxBytes: 2_000, netTxBytes: 0, cpuTimeMs: 0 },
    ],
    [
      'a tick after a gap counts for at most a minute',
      [
        { at: 0, rows: [proc(1, { cpuPercent: 25 })] },
        { at: 50_000, intervalMs: 3_600_000, rows: [proc(1, { cpuPercent: 25 })] },
      ],
      { cpuTimeMs: 0.25 * 4 * (1_000 + MINUTE_MS), presentMs: 1_000 + MINUTE_MS },
    ],
  ])('%s', (_name, steps, expected) => {
    expect(totalsOf(accumulate(steps), 1)).toMatchObject(expected);
  });

  it('an exited process stops counting; a started one counts from its first tick', () => {
    const minutes = accumulate([
      { at: 0, rows: [proc(1, { cpuPercent: 10 })] },
      { at: 1_000, rows: [proc(2, { cpuPercent: 10 })] },
      { at: 2_000, rows: [proc(2, { cpuPercent: 10 })] },
    ]);
    expect(totalsOf(minutes, 1)).toMatchObject({ presentMs: 1_000, cpuTimeMs: 400 });
    expect(totalsOf(minutes, 2)).toMatchObject({ presentMs: 2_000, cpuTimeMs: 800 });
  });

  it('apps and executables: their members summed, memory as the sum at each tick, the members counted', () => {
    const app: App = { id: 'a', name: 'Browser', category: 'app', members: [{ pid: 1, startTimeMs: 1_700_000_000_000 }, { pid: 2, startTimeMs: 1_700_000_000_000 }], isResponding: null };
    const minutes = accumulate([
      { at: 0, rows: [proc(1, { name: 'browser', cpuPercent: 10, memoryBytes: 100 * MB }), proc(2, { name: 'browser', cpuPercent: 20, memoryBytes: 50 * MB }), proc(3, { cpuPercent: 0 })], apps: [app] },
      { at: 1_000, rows: [proc(1, { name: 'browser', cpuPercent: 10, memoryBytes: 200 * MB }), proc(2, { name: 'browser', cpuPercent: 0, memoryBytes: 50 * MB }), proc(3, { cpuPercent: 0 })], apps: [app] },
    ]);
    const groups = minutes.at(-1)?.groups;
    const browser = groups?.get('app:Browser');
    expect(browser?.members.size).toBe(2);
    expect(browser?.totals).toMatchObject({ cpuTimeMs: (0.1 + 0.2 + 0.1) * 4 * 1_000, memoryPeakBytes: 250 * MB, memoryByteMs: (150 + 250) * MB * 1_000, presentMs: 2_000 });
    expect(groups?.get('exe:/bin/browser')).toMatchObject({ kind: 'executable', name: 'browser', exePath: '/bin/browser' });
    expect(groups?.get('exe:/bin/browser')?.totals.cpuTimeMs).toBe(browser?.totals.cpuTimeMs);
    // A process of no app has its executable only.
    expect([...(groups?.keys() ?? [])].sort()).toEqual(['app:Browser', 'exe:/bin/browser', 'exe:/bin/p3']);
    expect(minutes.at(-1)?.processes.get('1:1700000000000')?.appName).toBe('Browser');
  });

  it('hands back each minute as the next one begins', () => {
    const minutes = accumulate([
      { at: 0, rows: [proc(1, { cpuPercent: 10 })] },
      { at: 59_000, rows: [proc(1, { cpuPercent: 10 })] },
      { at: MINUTE_MS, rows: [proc(1, { cpuPercent: 10 })] },
    ]);
    expect(minutes.map((m) => [m.startMs, m.recordedMs, m.capacityMs])).toEqual([
      [T0, 2_000, 8_000],
      [T0 + MINUTE_MS, 1_000, 4_000],
    ]);
  });
});

describe('usage roll-ups and retention', () => {
  const totals = (over: Partial<UsageTotals>): UsageTotals => ({ ...emptyTotals(), presentMs: 60_000, ...over });
  const entry = (key: string, over: Partial<UsageTotals>) => ({ key, name: key, totals: totals(over) });

  it('merging minutes into an hour adds figures, keeps the higher peak, unions the members; null + n is n', () => {
    const a = emptyBucket(0);
    a.recordedMs = 60_000;
    a.capacityMs = 240_000;
    a.processes.set('1:0', { key: '1:0', pid: 1, startTimeMs: 0, name: 'p', exePath: null, user: null, appName: null, totals: totals({ cpuTimeMs: 10, memoryPeakBytes: 5, diskReadBytes: null }) });
    a.groups.set('exe:p', { kind: 'executable', name: 'p', exePath: null, members: new Set(['1:0']), totals: totals({ cpuTimeMs: 10 }) });
    const b = emptyBucket(60_000);
    b.recordedMs = 60_000;
    b.capacityMs = 240_000;
    b.processes.set('1:0', { key: '1:0', pid: 1, startTimeMs: 0, name: 'p', exePath: null, user: null, appName: 'App', totals: totals({ cpuTimeMs: 5, memoryPeakBytes: 9, diskReadBytes: 100 }) });
    b.groups.set('exe:p', { kind: 'executable', name: 'p', exePath: null, members: new Set(['2:0']), totals: totals({ cpuTimeMs: 5 }) });
    const hour = emptyBucket(0);
    mergeBucket(hour, a);
    mergeBucket(hour, b);
    expect(hour.recordedMs).toBe(120_000);
    expect(hour.processes.get('1:0')).toMatchObject({ appName: 'App', totals: { cpuTimeMs: 15, memoryPeakBytes: 9, diskReadBytes: 100, presentMs: 120_000 } });
    expect(hour.groups.get('exe:p')?.members).toEqual(new Set(['1:0', '2:0']));
    // The inputs are left as they were.
    expect(a.processes.get('1:0')?.totals.cpuTimeMs).toBe(10);
  });

  it.each<[string, Partial<UsageTotals>[], number, string[]]>([
    ['an idle process outside the memory top is dropped', [{ cpuTimeMs: 1 }, { memoryPeakBytes: 10 }, { memoryPeakBytes: 5 }], 1, ['0', '1']],
    ['disk, GPU or network alone is use', [{ diskWriteBytes: 1 }, { gpuTimeMs: 1 }, { netRxBytes: 1 }, {}], 0, ['0', '1', '2']],
    ['the top by memory are kept however idle', [{ memoryPeakBytes: 3 }, { memoryPeakBytes: 2 }, { memoryPeakBytes: 1 }], 2, ['0', '1']],
  ])('the first 7 days keep: %s', (_name, figures, memoryTop, kept) => {
    expect(keptProcesses(figures.map((f, i) => entry(String(i), f)), memoryTop).map((e) => e.key)).toEqual(kept);
  });

  it.each<[string, Partial<UsageTotals>[], string[]]>([
    // Capacity 4 CPUs × 60 s = 240,000 ms: 1 % is 2,400 ms of CPU time.
    ['above 1 % CPU of the machine stays, at 1 % goes', [{ cpuTimeMs: 2_401 }, { cpuTimeMs: 2_400 }], ['0']],
    ['the top 1 by memory stays', [{ memoryPeakBytes: 9 }, { memoryPeakBytes: 8, cpuTimeMs: 1 }], ['0']],
  ])('past 7 days a minute keeps: %s', (_name, figures, kept) => {
    expect(thinnedProcesses(figures.map((f, i) => entry(String(i), f)), 240_000, 1, 1).map((e) => e.key)).toEqual(kept);
  });

  it('usageOf: the mean CPU % over the capacity, the mean memory over the time it was known', () => {
    expect(usageOf(totals({ cpuTimeMs: 2_400, memoryByteMs: 6e12, memoryKnownMs: 60_000, memoryPeakBytes: 2e8 }), 240_000)).toEqual({
      cpuTimeMs: 2_400,
      cpuPercentMean: 1,
      memoryPeakBytes: 2e8,
      memoryMeanBytes: 1e8,
      diskReadBytes: null,
      diskWriteBytes: null,
      gpuTimeMs: null,
      netRxBytes: null,
      netTxBytes: null,
    });
    expect(usageOf(totals({}), 0)).toMatchObject({ cpuPercentMean: 0, memoryMeanBytes: null });
  });

  it.each<[string, 'cpu' | 'memory' | 'disk', Partial<UsageTotals>[], string[]]>([
    ['cpu: highest CPU time first, ties by name', 'cpu', [{ cpuTimeMs: 1 }, { cpuTimeMs: 5 }, { cpuTimeMs: 5 }], ['1', '2']],
    ['memory: unknown ranks last', 'memory', [{ memoryPeakBytes: null }, { memoryPeakBytes: 0 }, { memoryPeakBytes: 7 }], ['2', '1']],
    ['disk: read + written', 'disk', [{ diskReadBytes: 5, diskWriteBytes: 5 }, { diskReadBytes: 9 }, { diskWriteBytes: 11 }], ['2', '0']],
  ])('topOf %s', (_name, by, figures, top) => {
    expect(topOf(figures.map((f, i) => entry(String(i), f)), by, 2, (e) => e.key).map((e) => e.key)).toEqual(top);
  });
});
