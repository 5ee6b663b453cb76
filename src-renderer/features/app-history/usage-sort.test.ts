import { describe, expect, it } from 'vitest';
import { groupUsage } from './usage-fixtures.ts';
import { DEFAULT_USAGE_SORT, nextUsageSort, sortGroupUsage } from './usage-sort.ts';

const rows = [
  groupUsage({ name: 'b', cpuTimeMs: 10, memoryPeakBytes: null }),
  groupUsage({ name: 'a', cpuTimeMs: 30, memoryPeakBytes: 5 }),
  groupUsage({ name: 'c', cpuTimeMs: 30, memoryPeakBytes: 9 }),
  groupUsage({ name: 'a', kind: 'executable', exePath: '/usr/bin/a', cpuTimeMs: 20, memoryPeakBytes: 1 }),
];
const names = (sorted: ReturnType<typeof sortGroupUsage>) => sorted.map((r) => `${r.kind}:${r.name}`);

describe('sortGroupUsage', () => {
  it('opens by CPU time, the largest first, ties by name', () => {
    expect(names(sortGroupUsage(rows, DEFAULT_USAGE_SORT))).toEqual(['app:a', 'app:c', 'executable:a', 'app:b']);
  });

  it('puts unknown figures last in either direction', () => {
    expect(names(sortGroupUsage(rows, { column: 'memoryPeak', direction: 'descending' }))).toEqual(['app:c', 'app:a', 'executable:a', 'app:b']);
    expect(names(sortGroupUsage(rows, { column: 'memoryPeak', direction: 'ascending' }))).toEqual(['executable:a', 'app:a', 'app:c', 'app:b']);
  });

  it('sorts names as a person reads them, equal names by path', () => {
    expect(names(sortGroupUsage(rows, { column: 'name', direction: 'ascending' }))).toEqual(['app:a', 'executable:a', 'app:b', 'app:c']);
  });

  it('leaves its input as it came', () => {
    const before = rows.map((r) => r.name);
    sortGroupUsage(rows, { column: 'name', direction: 'descending' });
    expect(rows.map((r) => r.name)).toEqual(before);
  });
});

describe('nextUsageSort', () => {
  it.each([
    [DEFAULT_USAGE_SORT, 'cpuTime', { column: 'cpuTime', direction: 'ascending' }],
    [{ column: 'cpuTime', direction: 'ascending' }, 'cpuTime', { column: 'cpuTime', direction: 'descending' }],
    [DEFAULT_USAGE_SORT, 'diskRead', { column: 'diskRead', direction: 'descending' }],
    [DEFAULT_USAGE_SORT, 'name', { column: 'name', direction: 'ascending' }],
  ] as const)('from %o, a click on %s sorts %o', (sort, column, expected) => {
    expect(nextUsageSort(sort, column)).toEqual(expected);
  });
});
