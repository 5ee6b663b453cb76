import { describe, expect, it } from 'vitest';
import { bucketsWithOther, type Bucket, type LabelledFigures } from './metrics-buckets.ts';

const p = (label: string | null, cpuRatio: number | null, memoryBytes: number | null): LabelledFigures => ({ label, cpuRatio, memoryBytes });
const b = (label: string, cpuRatio: number | null, memoryBytes: number | null, processes: number): Bucket => ({ label, cpuRatio, memoryBytes, processes });

describe('bucketsWithOther', () => {
  it.each<[string, LabelledFigures[], number, Bucket[]]>([
    ['no process: an empty other bucket, written as 0', [], 3, [b('other', 0, 0, 0)]],
    ['every label kept: other is empty', [p('a', 0.1, 10), p('b', 0.2, 20)], 2, [b('b', 0.2, 20, 1), b('a', 0.1, 10, 1), b('other', 0, 0, 0)]],
    ['processes of one label are summed', [p('a', 0.1, 10), p('a', 0.3, 5)], 1, [b('a', 0.4, 15, 2), b('other', 0, 0, 0)]],
    [
      'top 1 by CPU ∪ top 1 by memory: two kept, the third in other',
      [p('cpu-hog', 0.5, 1), p('memory-hog', 0.01, 900), p('quiet', 0.02, 50)],
      1,
      [b('cpu-hog', 0.5, 1, 1), b('memory-hog', 0.01, 900, 1), b('other', 0.02, 50, 1)],
    ],
    [
      'one label top by both: kept once',
      [p('hog', 0.5, 900), p('x', 0.1, 10), p('y', 0.2, 20)],
      1,
      [b('hog', 0.5, 900, 1), b('other', 0.30000000000000004, 30, 2)],
    ],
    [
      'processes with no label always go to other, however big',
      [p(null, 0.9, 9000), p('a', 0.1, 10)],
      5,
      [b('a', 0.1, 10, 1), b('other', 0.9, 9000, 1)],
    ],
    [
      'ties at the cut: the first label alphabetically is kept',
      [p('b', 0.1, 10), p('a', 0.1, 10), p('c', 0.1, 10)],
      1,
      [b('a', 0.1, 10, 1), b('other', 0.2, 20, 2)],
    ],
    [
      'a null figure is left out of the sums, never counted as 0',
      [p('a', null, 10), p('a', 0.2, null), p('b', 0.1, 5)],
      5,
      [b('a', 0.2, 10, 2), b('b', 0.1, 5, 1), b('other', 0, 0, 0)],
    ],
    [
      'a label whose CPU is unknown is never top by CPU, but can be top by memory',
      [p('new', null, 500), p('old', 0.1, 5), p('older', 0.05, 1)],
      1,
      [b('old', 0.1, 5, 1), b('new', null, 500, 1), b('other', 0.05, 1, 1)],
    ],
    [
      'a label at 0 is never top by that figure: idle labels stay in other',
      [p('idle', 0, 0), p('busy', 0.2, 0), p('big', 0, 100)],
      5,
      [b('busy', 0.2, 0, 1), b('big', 0, 100, 1), b('other', 0, 0, 1)],
    ],
    [
      'other whose members all have a figure null keeps that figure null (not written)',
      [p('a', 0.5, 500), p('b', null, null), p(null, null, null)],
      1,
      [b('a', 0.5, 500, 1), b('other', null, null, 2)],
    ],
    [
      'a kept app really named other keeps its name; the bucket becomes (other)',
      [p('other', 0.5, 500), p('b', 0.1, 1)],
      1,
      [b('other', 0.5, 500, 1), b('(other)', 0.1, 1, 1)],
    ],
    [
      '… and ((other)) when (other) is kept too',
      [p('other', 0.5, 500), p('(other)', 0.4, 400), p('c', 0.1, 1)],
      2,
      [b('other', 0.5, 500, 1), b('(other)', 0.4, 400, 1), b('((other))', 0.1, 1, 1)],
    ],
    [
      'an app named other that is not kept is part of the rest: the bucket stays other',
      [p('other', 0.01, 1), p('big', 0.5, 500)],
      1,
      [b('big', 0.5, 500, 1), b('other', 0.01, 1, 1)],
    ],
  ])('%s', (_name, processes, topN, expected) => {
    expect(bucketsWithOther(processes, topN)).toEqual(expected);
  });

  it('keeps the sums of every process whatever N is', () => {
    const processes = Array.from({ length: 200 }, (_, i) => p(i % 7 === 0 ? null : `exe-${i % 37}`, i % 11 === 0 ? null : (i % 13) / 1000, i % 5 === 0 ? null : i * 1000));
    const sum = (values: (number | null)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);
    for (const topN of [1, 2, 10, 36, 37, 100]) {
      const buckets = bucketsWithOther(processes, topN);
      expect(buckets.length).toBeLessThanOrEqual(2 * topN + 1);
      expect(new Set(buckets.map((x) => x.label)).size).toBe(buckets.length);
      expect(sum(buckets.map((x) => x.cpuRatio))).toBeCloseTo(sum(processes.map((x) => x.cpuRatio)), 12);
      expect(sum(buckets.map((x) => x.memoryBytes))).toBe(sum(processes.map((x) => x.memoryBytes)));
      expect(sum(buckets.map((x) => x.processes))).toBe(200);
    }
  });
});
