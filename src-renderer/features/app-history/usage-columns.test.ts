import { describe, expect, it } from 'vitest';
import { appHistoryStrings } from './app-history-strings.ts';
import { formatCpuTime, groupColumns, groupName, networkBytes, processColumns } from './usage-columns.ts';
import { groupUsage, processUsage, usage } from './usage-fixtures.ts';

const textsOf = <R,>(columns: { label: string; text(row: R): string }[], row: R) => Object.fromEntries(columns.map((c) => [c.label, c.text(row)]));
const labels = appHistoryStrings.columns;

describe('usage columns', () => {
  it('names the nine columns App history shows, in order', () => {
    expect(groupColumns(null).map((c) => c.label)).toEqual([
      labels.name,
      labels.cpuTime,
      labels.cpuMean,
      labels.memoryPeak,
      labels.memoryMean,
      labels.diskRead,
      labels.diskWrite,
      labels.gpuTime,
      labels.network,
    ]);
  });

  it('shows each figure of an app in its unit', () => {
    const row = groupUsage({
      name: 'chrome',
      processCount: 1900,
      cpuTimeMs: 3_723_000,
      cpuPercentMean: 12.34,
      memoryPeakBytes: 1.5 * 1024 ** 3,
      memoryMeanBytes: 512 * 1024 ** 2,
      diskReadBytes: 10 * 1024,
      diskWriteBytes: 0,
      gpuTimeMs: 90_500,
      netRxBytes: 1024,
      netTxBytes: 1024,
    });
    expect(textsOf(groupColumns(null), row)).toEqual({
      [labels.name]: 'chrome (1,900)',
      [labels.cpuTime]: '0:01:02:03',
      [labels.cpuMean]: '12.3%',
      [labels.memoryPeak]: '1.5 GB',
      [labels.memoryMean]: '512.0 MB',
      [labels.diskRead]: '10.0 KB',
      [labels.diskWrite]: '0 B',
      [labels.gpuTime]: '0:00:01:30',
      [labels.network]: '2.0 KB',
    });
  });

  it('shows an unknown figure as "—", never 0', () => {
    const row = groupUsage({ memoryPeakBytes: null, memoryMeanBytes: null, diskReadBytes: null, diskWriteBytes: null, gpuTimeMs: null, netRxBytes: null, netTxBytes: null });
    const texts = textsOf(groupColumns(null), row);
    for (const label of [labels.memoryPeak, labels.memoryMean, labels.diskRead, labels.diskWrite, labels.gpuTime, labels.network]) expect(texts[label]).toBe('—');
  });

  it('names a process with its PID, an app of one process without a count', () => {
    expect(textsOf(processColumns(null), processUsage({ name: 'node', pid: 4242 }))[labels.process]).toBe('node (PID 4242)');
    expect(groupName(groupUsage({ name: 'code', processCount: 1 }))).toBe('code');
  });

  it('marks the sorted column only', () => {
    const columns = groupColumns({ column: 'memoryPeak', direction: 'descending' });
    expect(columns.filter((c) => c.sortDirection !== null).map((c) => [c.id, c.sortDirection])).toEqual([['memoryPeak', 'descending']]);
  });
});

describe('networkBytes', () => {
  it.each([
    [null, null, null],
    [10, null, null], // a partial sum would read as the whole
    [null, 10, null],
    [10, 5, 15],
    [0, 0, 0],
  ])('rx %s + tx %s = %s', (netRxBytes, netTxBytes, expected) => {
    expect(networkBytes(usage({ netRxBytes, netTxBytes }))).toBe(expected);
  });
});

describe('formatCpuTime', () => {
  it.each([
    [null, '—'],
    [0, '0:00:00:00'],
    [999, '0:00:00:00'],
    [61_000, '0:00:01:01'],
    [90_061_000, '1:01:01:01'],
  ])('%s ms reads %s', (ms, expected) => {
    expect(formatCpuTime(ms)).toBe(expected);
  });
});
