import { snapshot as snapshotFixture } from '../../../src-shared/testing/fixtures.ts';
import { describe, expect, it } from 'vitest';
import type { ProcessRow, ProcessState } from '../../../src-shared/snapshot.ts';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import { COLUMN_IDS, type ColumnId, type CpuMode } from '../../store/settings.ts';
import { strings } from '../../strings.ts';
import { columnTotals, COLUMNS, heatLevel, type ColumnContext } from './columns.ts';
import { sortProcesses } from './row-order.ts';

const MB = 1024 * 1024;
const machine: ColumnContext = { cpuMode: 'machine', logicalCores: 8, totalMemoryBytes: 8 * 1024 * MB };
const perCore: ColumnContext = { ...machine, cpuMode: 'perCore' };

/** 2023-11-14 22:13:20 and 2024-01-02 03:04:05 in the local time zone (the Started column shows local time). */
const STARTED_2023 = new Date(2023, 10, 14, 22, 13, 20).getTime();
const STARTED_2024 = new Date(2024, 0, 2, 3, 4, 5).getTime();

const unknownCases: [ColumnId, string][] = [
  ['name', 'p1000'],
  ['pid', '1000'],
  ['status', ''],
  ['cpu', '—'],
  ['memory', '—'],
  ['disk', '—'],
  ['network', '—'],
  ['gpu', '—'],
  ['user', '—'],
  ['threads', '—'],
  ['parentPid', '1'],
  ['priority', '—'],
  ['handles', '—'],
  ['workingSet', '—'],
  ['commit', '—'],
  ['ioRead', '—'],
  ['ioWrite', '—'],
  ['gpuMemory', '—'],
  ['efficiencyMode', '—'],
  ['startTime', '2023-11-14 22:13:20'],
  ['description', '—'],
  ['publisher', '—'],
  ['services', '—'],
  ['path', '—'],
  ['commandLine', '—'],
];

const knownCases: [ColumnId, string][] = [
  ['name', 'Xorg'],
  ['pid', '4242'],
  ['status', 'Suspended'],
  ['cpu', '12.5%'],
  ['memory', '1.5 MB'],
  ['disk', '3.0 KB/s'],
  ['network', '1.0 MB/s'],
  ['gpu', '40.0%'],
  ['user', 'root'],
  ['threads', '12'],
  ['parentPid', '1'],
  ['priority', 'Above normal'],
  ['handles', '12,345'],
  ['workingSet', '2.0 MB'],
  ['commit', '3.0 MB'],
  ['ioRead', '1.0 KB/s'],
  ['ioWrite', '2.0 KB/s'],
  ['gpuMemory', '64.0 MB'],
  ['efficiencyMode', 'Efficiency mode'],
  ['startTime', '2024-01-02 03:04:05'],
  ['description', 'X server'],
  ['publisher', 'X.Org Foundation'],
  ['services', 'Dnscache, nsi'],
  ['path', '/usr/bin/Xorg'],
  ['commandLine', '/usr/bin/Xorg :0'],
];

describe('COLUMNS', () => {
  it('has a definition of every column, with its id, a plain label and a tooltip', () => {
    for (const id of COLUMN_IDS) {
      expect(COLUMNS[id].id).toBe(id);
      expect(COLUMNS[id].label).not.toBe('');
      expect(COLUMNS[id].definition).not.toBe('');
    }
  });

  it.each(unknownCases)('shows a row with every figure unknown: %s is "%s"', (id, text) => {
    expect(COLUMNS[id].text(processRow({ startTimeMs: STARTED_2023 }), machine)).toBe(text);
  });

  it('has a case of every column in the tables above and below', () => {
    expect(new Set([...unknownCases, ...knownCases].map(([id]) => id))).toEqual(new Set(COLUMN_IDS));
  });

  it('sorts a row with every figure unknown as null (last) on every figure column', () => {
    const figures = COLUMN_IDS.filter((id) => !['name', 'pid', 'status', 'parentPid', 'startTime'].includes(id));
    expect(figures).toHaveLength(20);
    for (const id of figures) expect(COLUMNS[id].sortValue(processRow(), machine)).toBeNull();
  });

  it('shows no parent as "—" and sorts it last', () => {
    expect(COLUMNS.parentPid.text(processRow({ ppid: 0 }), machine)).toBe('—');
    expect(COLUMNS.parentPid.sortValue(processRow({ ppid: 0 }), machine)).toBeNull();
    expect(COLUMNS.parentPid.sortValue(processRow({ ppid: 77 }), machine)).toBe(77);
  });

  it.each(knownCases)('shows a row with every figure known: %s is "%s"', (id, text) => {
    const row = processRow({
      pid: 4242,
      name: 'Xorg',
      state: 'stopped',
      cpuPercent: 12.5,
      memoryBytes: 1.5 * MB,
      ioReadBytesPerSec: 1024,
      ioWriteBytesPerSec: 2048,
      netRxBytesPerSec: MB / 2,
      netTxBytesPerSec: MB / 2,
      gpuPercent: 40,
      user: 'root',
      threads: 12,
      commandLine: '/usr/bin/Xorg :0',
      priority: 'aboveNormal',
      handles: 12_345,
      residentBytes: 2 * MB,
      commitBytes: 3 * MB,
      gpuMemoryBytes: 64 * MB,
      isEfficiencyMode: true,
      startTimeMs: STARTED_2024,
      description: 'X server',
      publisher: 'X.Org Foundation',
      services: ['Dnscache', 'nsi'],
      exePath: '/usr/bin/Xorg',
    });
    expect(COLUMNS[id].text(row, machine)).toBe(text);
  });

  it('shows a disk or network rate when only one direction is known', () => {
    expect(COLUMNS.disk.text(processRow({ ioReadBytesPerSec: null, ioWriteBytesPerSec: 100 }), machine)).toBe('100 B/s');
    expect(COLUMNS.network.text(processRow({ netRxBytesPerSec: 200, netTxBytesPerSec: null }), machine)).toBe('200 B/s');
  });

  it('shows 0 threads as 0, not as unknown', () => {
    expect(COLUMNS.threads.text(processRow({ threads: 0 }), machine)).toBe('0');
  });

  it('shows CPU as a share of the machine, or × logical cores in per-core mode (sorted the same way)', () => {
    const row = processRow({ cpuPercent: 12.5 });
    expect(COLUMNS.cpu.text(row, machine)).toBe('12.5%');
    expect(COLUMNS.cpu.text(row, perCore)).toBe('100.0%');
    expect(COLUMNS.cpu.sortValue(row, perCore)).toBe(100);
    expect(COLUMNS.cpu.text(processRow({ cpuPercent: 100 }), perCore)).toBe('800.0%');
    expect(COLUMNS.cpu.text(processRow({ cpuPercent: null }), perCore)).toBe('—');
  });

  it.each<[ProcessState, string]>([
    ['running', ''],
    ['sleeping', ''],
    ['idle', ''],
    ['stopped', 'Suspended'],
    ['zombie', 'Zombie'],
    ['unknown', 'Unknown'],
  ])('shows the status of a %s process as "%s"', (state, text) => {
    expect(COLUMNS.status.text(processRow({ state }), machine)).toBe(text);
  });

  it('gives heat as a share: CPU and GPU of 100, memory ×10 of the total, disk and network of 100 MB/s', () => {
    expect(COLUMNS.cpu.heat?.(processRow({ cpuPercent: 25 }), machine)).toBe(0.25);
    expect(COLUMNS.gpu.heat?.(processRow({ gpuPercent: 50 }), machine)).toBe(0.5);
    expect(COLUMNS.memory.heat?.(processRow({ memoryBytes: 0.01 * machine.totalMemoryBytes }), machine)).toBeCloseTo(0.1);
    expect(COLUMNS.disk.heat?.(processRow({ ioReadBytesPerSec: 50 * MB }), machine)).toBe(0.5);
    expect(COLUMNS.network.heat?.(processRow({ netTxBytesPerSec: 10 * MB }), machine)).toBe(0.1);
  });

  it('gives no heat for an unknown figure, or memory when the total is unknown', () => {
    for (const id of ['cpu', 'memory', 'disk', 'network', 'gpu'] as const) expect(COLUMNS[id].heat?.(processRow(), machine)).toBeNull();
    expect(COLUMNS.memory.heat?.(processRow({ memoryBytes: MB }), { ...machine, totalMemoryBytes: 0 })).toBeNull();
  });

  it('gives no heat to columns Task Manager does not shade', () => {
    const shaded = ['cpu', 'memory', 'disk', 'network', 'gpu'];
    for (const id of COLUMN_IDS.filter((c) => !shaded.includes(c))) expect(COLUMNS[id].heat).toBeUndefined();
  });

  it.each<[ColumnId, Partial<ProcessRow>, number | string | null]>([
    ['priority', { priority: 'realtime' }, 6],
    ['priority', { priority: 'normal' }, 3],
    ['priority', { priority: 'idle' }, 1],
    ['handles', { handles: 0 }, 0],
    ['workingSet', { residentBytes: 4096 }, 4096],
    ['commit', { commitBytes: 8192 }, 8192],
    ['ioRead', { ioReadBytesPerSec: 10, ioWriteBytesPerSec: 99 }, 10],
    ['ioWrite', { ioReadBytesPerSec: 10, ioWriteBytesPerSec: 99 }, 99],
    ['gpuMemory', { gpuMemoryBytes: 0 }, 0],
    ['efficiencyMode', { isEfficiencyMode: true }, 1],
    ['efficiencyMode', { isEfficiencyMode: false }, 0],
    ['startTime', { startTimeMs: 1234 }, 1234],
    ['description', { description: 'Host Process' }, 'host process'],
    ['publisher', { publisher: 'Microsoft Corporation' }, 'microsoft corporation'],
    ['services', { services: [] }, ''],
    ['services', { services: ['Dnscache', 'nsi'] }, 'dnscache, nsi'],
    ['path', { exePath: '/usr/bin/Xorg' }, '/usr/bin/xorg'],
    ['user', { user: 'Root' }, 'root'],
  ])('sorts %s by the figure itself (%j → %j)', (id, fields, value) => {
    expect(COLUMNS[id].sortValue(processRow(fields), machine)).toBe(value);
  });

  it.each<[Partial<ProcessRow>, string]>([
    [{ isEfficiencyMode: false }, ''],
    [{ services: [] }, 'None'],
    [{ priority: 'idle' }, 'Low'],
    [{ handles: 0 }, '0'],
  ])('shows %j as "%s"', (fields, text) => {
    const [id] = Object.keys(fields);
    const column = { isEfficiencyMode: 'efficiencyMode', services: 'services', priority: 'priority', handles: 'handles' }[id ?? ''] as ColumnId;
    expect(COLUMNS[column].text(processRow(fields), machine)).toBe(text);
  });

  it('sorts Status by what it shows: blank rows together (by PID), then the labels in order', () => {
    const rows = [
      processRow({ pid: 5, state: 'zombie' }),
      processRow({ pid: 4, state: 'sleeping' }),
      processRow({ pid: 3, state: 'stopped' }),
      processRow({ pid: 2, state: 'running' }),
      processRow({ pid: 1, state: 'idle' }),
      processRow({ pid: 6, state: 'unknown' }),
    ];
    const shown = (direction: 'ascending' | 'descending') =>
      sortProcesses(rows, { column: 'status', direction, context: machine, held: null }).map((r) => [r.pid, COLUMNS.status.text(r, machine)]);
    expect(shown('ascending')).toEqual([
      [1, ''],
      [2, ''],
      [4, ''],
      [3, strings.states.stopped],
      [6, strings.states.unknown],
      [5, strings.states.zombie],
    ]);
    expect(shown('descending')).toEqual([
      [5, strings.states.zombie],
      [6, strings.states.unknown],
      [3, strings.states.stopped],
      [1, ''],
      [2, ''],
      [4, ''],
    ]);
  });
});

describe('heatLevel', () => {
  it.each([
    [null, 0],
    [Number.NaN, 0],
    [-1, 0],
    [0, 0],
    [0.0049, 0],
    [0.005, 1],
    [0.0299, 1],
    [0.03, 2],
    [0.0999, 2],
    [0.1, 3],
    [0.2499, 3],
    [0.25, 4],
    [0.4999, 4],
    [0.5, 5],
    [1, 5],
    [3, 5],
  ])('a share of %s is level %d', (share, level) => {
    expect(heatLevel(share)).toBe(level);
  });
});

describe('columnTotals', () => {
  it('gives the machine’s totals above the figure columns, "—" where unknown', () => {
    const totals = columnTotals(
      snapshotFixture({
        cpu: { ...snapshotFixture().cpu, totalPercent: 23.44 },
        memory: { ...snapshotFixture().memory, totalBytes: 1000, usedBytes: 450 },
        disks: [
          { id: 'sda', name: 'sda', readBytesPerSec: 0, writeBytesPerSec: 0, activePercent: 3, responseTimeMs: null },
          { id: 'sdb', name: 'sdb', readBytesPerSec: 0, writeBytesPerSec: 0, activePercent: 41.26, responseTimeMs: null },
        ],
        network: [{ name: 'eth0', rxBytesPerSec: 1024, txBytesPerSec: 1024, rxTotalBytes: 0, txTotalBytes: 0 }],
        gpus: [],
      }),
    );
    expect(totals).toEqual({ cpu: '23.4%', memory: '45.0%', disk: '41.3%', network: '2.0 KB/s', gpu: '—' });
  });

  it.each<[CpuMode, number, number | null, string]>([
    ['machine', 8, 23.44, '23.4%'],
    ['perCore', 8, 23.44, '187.5%'],
    ['perCore', 1, 23.44, '23.4%'],
    ['perCore', 8, 100, '800.0%'],
    ['perCore', 8, null, '—'],
    ['machine', 8, null, '—'],
  ])('in %s mode with %d logical cores, a CPU total of %s is "%s" (the unit of the rows)', (cpuMode, logicalCores, totalPercent, text) => {
    const totals = columnTotals(snapshotFixture({ cpu: { ...snapshotFixture().cpu, totalPercent, logicalCores } }), cpuMode);
    expect(totals.cpu).toBe(text);
  });

  it('gives the CPU total in the unit of the rows, which add up to it in either mode', () => {
    const cores = 8;
    const rows = [processRow({ pid: 1, cpuPercent: 10 }), processRow({ pid: 2, cpuPercent: 2.5 })];
    for (const cpuMode of ['machine', 'perCore'] as const) {
      const context = { ...machine, cpuMode, logicalCores: cores };
      const sum = rows.reduce((total, r) => total + Number(COLUMNS.cpu.sortValue(r, context)), 0);
      const totals = columnTotals(snapshotFixture({ cpu: { ...snapshotFixture().cpu, totalPercent: 12.5, logicalCores: cores } }), cpuMode);
      expect(totals.cpu).toBe(`${sum.toFixed(1)}%`);
    }
  });
});
