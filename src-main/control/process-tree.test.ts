import { describe, expect, it } from 'vitest';
import { processRow } from '../../src-shared/testing/fixtures.ts';
import { treeLeavesFirst } from './process-tree.ts';

const p = (pid: number, ppid: number, startTimeMs: number) => processRow({ pid, ppid, startTimeMs });

describe('treeLeavesFirst', () => {
  it('lists a process and all its descendants, each after its children', () => {
    const rows = [p(1, 0, 0), p(10, 1, 10), p(11, 10, 11), p(12, 11, 12), p(13, 10, 13), p(20, 1, 20)];
    const order = treeLeavesFirst({ pid: 10, startTimeMs: 10 }, rows).map((i) => i.pid);
    expect(order.at(-1)).toBe(10);
    expect(order.indexOf(12)).toBeLessThan(order.indexOf(11));
    expect(new Set(order)).toEqual(new Set([10, 11, 12, 13]));
  });

  it('does not count a process that started before its "parent" (a reused pid) as a child', () => {
    const rows = [p(10, 1, 500), p(11, 10, 100)];
    expect(treeLeavesFirst({ pid: 10, startTimeMs: 500 }, rows)).toEqual([{ pid: 10, startTimeMs: 500 }]);
  });

  it('survives a ppid cycle and a root absent from the snapshot', () => {
    const rows = [p(5, 6, 1), p(6, 5, 1)];
    expect(treeLeavesFirst({ pid: 5, startTimeMs: 1 }, rows).map((i) => i.pid).sort()).toEqual([5, 6]);
    expect(treeLeavesFirst({ pid: 99, startTimeMs: 1 }, rows)).toEqual([{ pid: 99, startTimeMs: 1 }]);
  });
});
