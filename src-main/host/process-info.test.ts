import { describe, expect, it } from 'vitest';
import { snapshotSchema, type ProcessRow, type Snapshot } from '../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { processInfo } from './process-info.ts';

const BOOT_MS = 1_700_000_000_000;

/** A process as [pid, ppid, start time in seconds after boot]. */
type Proc = readonly [pid: number, ppid: number, startSec: number];

function row([pid, ppid, startSec]: Proc): ProcessRow {
  return processRow({ pid, ppid, startTimeMs: BOOT_MS + startSec * 1000 });
}

function snapshotOf(procs: readonly Proc[]): Snapshot {
  const value = snapshot({ takenAtMs: BOOT_MS + 100_000, processes: procs.map(row) });
  expect(snapshotSchema.safeParse(value).error).toBeUndefined();
  return value;
}

/** init(1) → sshd(100) → bash(200) → vim(300); bash also runs make(310); init also runs cron(50). */
const TREE: Proc[] = [
  [1, 0, 0],
  [50, 1, 2],
  [100, 1, 5],
  [200, 100, 10],
  [300, 200, 20],
  [310, 200, 21],
  [311, 310, 22],
];

interface Case {
  name: string;
  procs: readonly Proc[];
  pid: number;
  parents: number[];
  children: number[];
}

const CASES: Case[] = [
  { name: 'a leaf: parents nearest first up to pid 1', procs: TREE, pid: 300, parents: [200, 100, 1], children: [] },
  { name: 'a middle process: only direct children', procs: TREE, pid: 200, parents: [100, 1], children: [300, 310] },
  { name: 'pid 1: no parents, its direct children', procs: TREE, pid: 1, parents: [], children: [50, 100] },
  {
    name: 'a parent missing from the snapshot stops the chain',
    procs: [[1, 0, 0], [200, 100, 10], [300, 200, 20]],
    pid: 300,
    parents: [200],
    children: [],
  },
  {
    name: 'a parent that started after the child is a reused pid, not the parent',
    // 300's real parent 200 died; a new process got pid 200 later (start 50 s > 20 s).
    procs: [[1, 0, 0], [200, 1, 50], [300, 200, 20]],
    pid: 300,
    parents: [],
    children: [],
  },
  {
    name: 'the reused pid does not count the older orphan as its child',
    procs: [[1, 0, 0], [200, 1, 50], [300, 200, 20], [301, 200, 60]],
    pid: 200,
    parents: [1],
    children: [301],
  },
  {
    name: 'a reused pid higher up stops the chain there',
    procs: [[1, 0, 0], [100, 1, 90], [200, 100, 10], [300, 200, 20]],
    pid: 300,
    parents: [200],
    children: [],
  },
  {
    name: 'a parent that started in the same millisecond still counts (coarse clocks)',
    procs: [[1, 0, 0], [200, 1, 10], [300, 200, 10]],
    pid: 300,
    parents: [200, 1],
    children: [],
  },
  {
    name: 'a cycle of two (inconsistent data): stops instead of looping',
    procs: [[10, 20, 5], [20, 10, 5]],
    pid: 10,
    parents: [20],
    children: [20],
  },
  {
    name: 'a cycle of three: each process once',
    procs: [[10, 30, 5], [20, 10, 5], [30, 20, 5]],
    pid: 10,
    parents: [30, 20],
    children: [20],
  },
  {
    name: 'a process that is its own parent: no parents, not its own child',
    procs: [[10, 10, 5]],
    pid: 10,
    parents: [],
    children: [],
  },
  {
    name: 'a kernel root (ppid 0) alone',
    procs: [[2, 0, 0], [3, 2, 0]],
    pid: 2,
    parents: [],
    children: [3],
  },
];

describe('processInfo', () => {
  it.each(CASES)('$name', ({ procs, pid, parents, children }) => {
    const snapshot = snapshotOf(procs);
    const info = processInfo(snapshot, pid);
    expect(info).not.toBeNull();
    expect(info?.process).toEqual(snapshot.processes.find((p) => p.pid === pid));
    expect(info?.parents.map((p) => p.pid)).toEqual(parents);
    expect(info?.children.map((p) => p.pid)).toEqual(children);
  });

  it('returns whole rows, as in the snapshot', () => {
    const snapshot = snapshotOf(TREE);
    const info = processInfo(snapshot, 300);
    expect(info?.parents[0]).toEqual(row([200, 100, 10]));
    expect(processInfo(snapshot, 200)?.children[1]).toEqual(row([310, 200, 21]));
  });

  it.each([[999], [0], [2 ** 32 - 1]])('returns null for a pid the snapshot does not have (%d)', (pid) => {
    expect(processInfo(snapshotOf(TREE), pid)).toBeNull();
  });

  it('returns null on an empty snapshot', () => {
    expect(processInfo(snapshotOf([]), 1)).toBeNull();
  });

  it('walks a long chain in linear time and reaches pid 1', () => {
    const depth = 5000;
    const procs: Proc[] = [[1, 0, 0]];
    for (let i = 2; i <= depth; i++) procs.push([i, i - 1, i]);
    const info = processInfo(snapshotOf(procs), depth);
    expect(info?.parents).toHaveLength(depth - 1);
    expect(info?.parents.at(-1)?.pid).toBe(1);
  });
});
