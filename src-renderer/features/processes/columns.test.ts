import { snapshot as snapshotFixture } from '../../../src-shared/testing/fixtures.ts';
import { describe, expect, it } from 'vitest';
import type { ProcessState } from '../../../src-shared/snapshot.ts';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import { COLUMN_IDS, type ColumnId } from '../../store/settings.ts';
import { columnTotals, COLUMNS, heatLevel, type ColumnContext } from './columns.ts';

const MB = 1024 * 1024;
const machine: ColumnContext = { cpuMode: 'machine', logicalCores: 8, totalMemoryBytes: 8 * 1024 * MB };
const perCore: ColumnContext = { ...machine, cpuMode: 'perCore' };

describe('COLUMNS', () => {
  it('has a definition of every column, with its id, a plain label and a tooltip', () => {
    for (const id of COLUMN_IDS) {
      expect(COLUMNS[id].id).toBe(id);
      expect(COLUMNS[id].label).not.toBe('');
      expect(COLUMNS[id].definition).not.toBe('');
    }
  });

  it.each<[ColumnId, string]>([
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
    ['commandLine', '—'],
  ])('shows a row with every figure unknown: %s is "%s"', (id, text) => {
    expect(COLUMNS[id].text(processRow(), machine)).toBe(text);
  });

  it('sorts a row with every figure unknown as null (last) on every figure column', () => {
    for (const id of ['cpu', 'memory', 'disk', 'network', 'gpu', 'user', 'threads', 'commandLine'] as const) {
      expect(COLUMNS[id].sortValue(processRow(), machine)).toBeNull();
    }
  });

  it.each<[ColumnId, string]>([
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
    ['commandLine', '/usr/bin/Xorg :0'],
  ])('shows a row with every figure known: %s is "%s"', (id, text) => {
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

  it('gives no heat to text columns', () => {
    for (const id of ['name', 'pid', 'status', 'user', 'threads', 'commandLine'] as const) expect(COLUMNS[id].heat).toBeUndefined();
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
          { id: 'sda', name: 'sda', readBytesPerSec: 0, writeBytesPerSec: 0, activePercent: 3 },
          { id: 'sdb', name: 'sdb', readBytesPerSec: 0, writeBytesPerSec: 0, activePercent: 41.26 },
        ],
        network: [{ name: 'eth0', rxBytesPerSec: 1024, txBytesPerSec: 1024, rxTotalBytes: 0, txTotalBytes: 0 }],
        gpus: [],
      }),
    );
    expect(totals).toEqual({ cpu: '23.4%', memory: '45.0%', disk: '41.3%', network: '2.0 KB/s', gpu: '—' });
  });
});
