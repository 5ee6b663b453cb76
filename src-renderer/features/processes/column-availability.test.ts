import { describe, expect, it } from 'vitest';
import type { GpuFigures, ProcessRow } from '../../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import type { ColumnId } from '../../store/settings.ts';
import { strings } from '../../strings.ts';
import { shownColumns, unavailableColumns } from './column-availability.ts';
import type { ColumnContext } from './columns.ts';

const context: ColumnContext = { cpuMode: 'machine', logicalCores: 4, totalMemoryBytes: 8e9 };
const gpu: GpuFigures = {
  id: 'card0',
  name: 'GPU',
  vendor: 'amd',
  utilizationPercent: 3,
  memoryUsedBytes: null,
  memoryTotalBytes: null,
  temperatureC: null,
  sharedMemoryUsedBytes: null,
  engines: [],
};

/** What a Linux collector fills, from its second sample on: no per-process network, GPU or Windows figures. */
const linuxRow = (pid: number, overrides: Partial<ProcessRow> = {}) =>
  processRow({
    pid,
    user: 'root',
    cpuPercent: 1,
    memoryBytes: 1,
    residentBytes: 2,
    commitBytes: 3,
    threads: 1,
    handles: 4,
    ioReadBytesPerSec: 0,
    ioWriteBytesPerSec: 0,
    priority: 'normal',
    commandLine: 'x',
    exePath: '/x',
    ...overrides,
  });

const LINUX_UNFILLED: Partial<Record<ColumnId, string>> = {
  network: strings.columnUnavailable.noProcessNetwork,
  gpu: strings.columnUnavailable.noGpu,
  gpuMemory: strings.columnUnavailable.noGpu,
  efficiencyMode: strings.columnUnavailable.notGiven,
  description: strings.columnUnavailable.notGiven,
  publisher: strings.columnUnavailable.notGiven,
  services: strings.columnUnavailable.notGiven,
};

describe('unavailableColumns', () => {
  it.each<[string, Parameters<typeof snapshot>[0], Partial<Record<ColumnId, string>>]>([
    ['a Linux host without a GPU: what no process has, and why', { seq: 5, processes: [linuxRow(1), linuxRow(2)] }, LINUX_UNFILLED],
    [
      'one process with a figure is enough (handles of the host’s own processes when not root)',
      { seq: 5, processes: [linuxRow(1, { handles: null }), linuxRow(2), linuxRow(3, { handles: null })] },
      LINUX_UNFILLED,
    ],
    [
      'a GPU but no per-process figure from its driver',
      { seq: 5, gpus: [gpu], processes: [linuxRow(1)] },
      { ...LINUX_UNFILLED, gpu: strings.columnUnavailable.notGiven, gpuMemory: strings.columnUnavailable.notGiven },
    ],
    [
      'a GPU with per-process figures',
      { seq: 5, gpus: [gpu], processes: [linuxRow(1, { gpuPercent: 0, gpuMemoryBytes: 0 })] },
      { network: LINUX_UNFILLED.network, efficiencyMode: LINUX_UNFILLED.efficiencyMode, description: LINUX_UNFILLED.description, publisher: LINUX_UNFILLED.publisher, services: LINUX_UNFILLED.services },
    ],
    [
      'a first sample: rates and shares are not judged yet (null for every process), the rest is',
      { seq: 1, processes: [linuxRow(1, { cpuPercent: null, ioReadBytesPerSec: null, ioWriteBytesPerSec: null })] },
      { gpu: LINUX_UNFILLED.gpu, gpuMemory: LINUX_UNFILLED.gpuMemory, efficiencyMode: LINUX_UNFILLED.efficiencyMode, description: LINUX_UNFILLED.description, publisher: LINUX_UNFILLED.publisher, services: LINUX_UNFILLED.services },
    ],
    [
      'from the second sample, a rate no process has is judged',
      { seq: 2, processes: [linuxRow(1, { ioReadBytesPerSec: null, ioWriteBytesPerSec: null })] },
      { ...LINUX_UNFILLED, disk: strings.columnUnavailable.notGiven, ioRead: strings.columnUnavailable.notGiven, ioWrite: strings.columnUnavailable.notGiven },
    ],
    [
      'a Windows host: services [] and efficiency false are figures',
      {
        seq: 9,
        gpus: [gpu],
        processes: [linuxRow(4, { isEfficiencyMode: false, services: [], description: 'd', publisher: 'p', gpuPercent: 0, gpuMemoryBytes: 0, netRxBytesPerSec: 0 })],
      },
      {},
    ],
    ['no processes yet: nothing to judge by (a GPU still is)', { seq: 9, processes: [] }, { gpu: LINUX_UNFILLED.gpu, gpuMemory: LINUX_UNFILLED.gpuMemory }],
    [
      'CPU, name, PID, status, parent and start time are always filled',
      { seq: 9, gpus: [gpu], processes: [processRow({ ppid: 0, gpuPercent: 0, gpuMemoryBytes: 0 })] },
      {
        memory: strings.columnUnavailable.notGiven,
        disk: strings.columnUnavailable.notGiven,
        network: strings.columnUnavailable.noProcessNetwork,
        user: strings.columnUnavailable.notGiven,
        threads: strings.columnUnavailable.notGiven,
        priority: strings.columnUnavailable.notGiven,
        handles: strings.columnUnavailable.notGiven,
        workingSet: strings.columnUnavailable.notGiven,
        commit: strings.columnUnavailable.notGiven,
        ioRead: strings.columnUnavailable.notGiven,
        ioWrite: strings.columnUnavailable.notGiven,
        efficiencyMode: strings.columnUnavailable.notGiven,
        description: strings.columnUnavailable.notGiven,
        publisher: strings.columnUnavailable.notGiven,
        services: strings.columnUnavailable.notGiven,
        path: strings.columnUnavailable.notGiven,
        commandLine: strings.columnUnavailable.notGiven,
      },
    ],
  ])('%s', (_what, overrides, expected) => {
    expect(unavailableColumns(snapshot(overrides), context)).toEqual(expected);
  });
});

describe('shownColumns', () => {
  const unavailable = { network: 'why', gpu: 'why' };
  it.each<[string, ColumnId[], ColumnId[], ColumnId[]]>([
    ['a column the host can’t fill is off by default', ['name', 'cpu', 'network', 'gpu'], [], ['name', 'cpu']],
    ['unless the user turned it on', ['name', 'cpu', 'network', 'gpu'], ['network'], ['name', 'cpu', 'network']],
    ['a chosen column the user hid stays hidden', ['name', 'cpu'], ['network'], ['name', 'cpu']],
    ['filled columns as the user shows them, in order', ['name', 'pid', 'threads'], [], ['name', 'pid', 'threads']],
    ['the name column is always shown', ['name'], [], ['name']],
  ])('%s', (_what, visible, chosen, expected) => {
    expect(shownColumns(visible, chosen, unavailable)).toEqual(expected);
  });
});
