import { describe, expect, it } from 'vitest';
import type { ProcessRow } from '../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { HistoryRecorder, type TickRecord } from './history-recorder.ts';

const START_MS = 1_700_000_080_000; // 40 s into a minute
const idle = (pid: number, startTimeMs = 1_000): ProcessRow => processRow({ pid, startTimeMs, cpuPercent: 0, ioReadBytesPerSec: 0, ioWriteBytesPerSec: 0, memoryBytes: pid * 10 });
const busy = (pid: number, startTimeMs = 1_000): ProcessRow => ({ ...idle(pid, startTimeMs), cpuPercent: 12.5, state: 'running' });
const at = (seconds: number, processes: ProcessRow[]) => snapshot({ takenAtMs: START_MS + seconds * 1_000, processes });

/** What a record says, in short: which pids' rows, which identities, which exits. */
function summary(record: TickRecord | null) {
  if (!record) return null;
  return {
    isComplete: record.isComplete,
    rows: record.rows.map((r) => r.pid),
    identities: record.identities.map((i) => `${i.pid}@${i.startTimeMs}`),
    exits: record.exits.map((e) => `${e.pid}@${e.startTimeMs}`),
    areStarts: record.areStarts,
  };
}

describe('HistoryRecorder: what of each tick goes to the writer', () => {
  const shared = new HistoryRecorder();
  it.each<[string, number, ProcessRow[], ReturnType<typeof summary>]>([
    // Each case follows the ones before it (one recorder).
    ['the first tick: every row and identity, not counted as starts', 0, [idle(1), busy(2), idle(3)], { isComplete: true, rows: [1, 2, 3], identities: ['1@1000', '2@1000', '3@1000'], exits: [], areStarts: false }],
    ['the same minute: the busy row, and the one whose state changed', 1, [idle(1), idle(2), busy(3)], { isComplete: false, rows: [2, 3], identities: [], exits: [], areStarts: true }],
    // Pid 3 left (no row for it); 4 is new (its state "changed" from nothing).
    ['an exit and a start', 2, [idle(1), idle(2), idle(4)], { isComplete: false, rows: [4], identities: ['4@1000'], exits: ['3@1000'], areStarts: true }],
    ['a pid reused by a new process in one tick: the old one exits, the new one starts', 3, [idle(1), idle(2, 5_000), idle(4)], { isComplete: false, rows: [2], identities: ['2@5000'], exits: ['2@1000'], areStarts: true }],
    ['nothing moved: no rows at all', 4, [idle(1), idle(2, 5_000), idle(4)], { isComplete: false, rows: [], identities: [], exits: [], areStarts: true }],
    ['a new minute: every row again (the complete list)', 20, [idle(1), idle(2, 5_000), idle(4)], { isComplete: true, rows: [1, 2, 4], identities: [], exits: [], areStarts: true }],
    ['the clock stepped back: nothing', 19, [idle(1)], null],
  ])('%s', (_name, seconds, processes, expected) => {
    expect(summary(shared.record(at(seconds, processes)))).toEqual(expected);
  });

  it('after reset: complete again, every identity named again', () => {
    const recorder = new HistoryRecorder();
    recorder.record(at(0, [idle(1), idle(2)]));
    recorder.reset();
    expect(summary(recorder.record(at(1, [idle(1), idle(2)])))).toEqual({ isComplete: true, rows: [1, 2], identities: ['1@1000', '2@1000'], exits: [], areStarts: false });
  });

  it('a row sent carries every figure of the process but its fixed text', () => {
    const row = { ...busy(9), name: 'n', user: 'u', commandLine: 'c', exePath: 'e', description: 'd', publisher: 'p', services: ['s'] };
    const record = new HistoryRecorder().record(at(0, [row]));
    const { name: _n, user: _u, commandLine: _c, exePath: _e, description: _d, publisher: _p, ...figures } = row;
    expect(record?.rows).toEqual([figures]);
    expect(record?.identities).toEqual([{ pid: 9, startTimeMs: 1_000, name: 'n', user: 'u', commandLine: 'c', exePath: 'e', description: 'd', publisher: 'p' }]);
  });
});

