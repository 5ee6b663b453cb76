import { describe, expect, it } from 'vitest';
import { cpuFigures, memoryFigures, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { historyPoint } from '../../store/history.ts';
import { resourceIds, resourceLabel, resourceRef, resourceSparkPath, resourceSummary, sparkMax, sparkValue } from './resources.ts';

const machine = snapshot({
  cpu: cpuFigures({ totalPercent: 12.5, kernelPercent: 2, perCorePercent: [20, 5], logicalCores: 2, speedMhz: 2450 }),
  memory: memoryFigures({ totalBytes: 8 * 1024 ** 3, usedBytes: 2 * 1024 ** 3 }),
  disks: [{ id: 'nvme0n1', name: 'Samsung SSD', readBytesPerSec: 1024, writeBytesPerSec: null, activePercent: 3, responseTimeMs: null }],
  network: [{ name: 'wl:p0', rxBytesPerSec: 2048, txBytesPerSec: 512, rxTotalBytes: 1e6, txTotalBytes: 1e5 }],
  gpus: [{ id: 'gpu-a', name: 'H100', vendor: 'nvidia', utilizationPercent: null, memoryUsedBytes: null, memoryTotalBytes: null, temperatureC: 41, sharedMemoryUsedBytes: null, engines: [] }],
});

describe('resourceIds and resourceRef', () => {
  it('lists CPU and memory before any snapshot', () => {
    expect(resourceIds(null)).toEqual(['cpu', 'memory']);
  });

  it('lists every disk, interface and GPU, and each id names its resource back (colons in names kept)', () => {
    const ids = resourceIds(machine);
    expect(ids).toEqual(['cpu', 'memory', 'disk:nvme0n1', 'network:wl:p0', 'gpu:gpu-a']);
    expect(ids.map(resourceRef)).toEqual([
      { kind: 'cpu' },
      { kind: 'memory' },
      { kind: 'disk', key: 'nvme0n1' },
      { kind: 'network', key: 'wl:p0' },
      { kind: 'gpu', key: 'gpu-a' },
    ]);
  });

  it('reads an id of no known kind as the CPU', () => {
    expect(resourceRef('bogus:x')).toEqual({ kind: 'cpu' });
  });
});

describe('resourceLabel and resourceSummary', () => {
  it('names resources as the sidebar shows them, a GPU by its index', () => {
    expect(resourceLabel(machine, { kind: 'disk', key: 'nvme0n1' })).toBe('Disk nvme0n1');
    expect(resourceLabel(machine, { kind: 'network', key: 'wl:p0' })).toBe('Network wl:p0');
    expect(resourceLabel(machine, { kind: 'gpu', key: 'gpu-a' })).toBe('GPU 0');
  });

  it('shows the current figure of each resource', () => {
    expect(resourceSummary(machine, { kind: 'cpu' })).toBe('12.5%  2.45 GHz');
    expect(resourceSummary(machine, { kind: 'memory' })).toBe('2.0 GB / 8.0 GB (25.0%)');
    expect(resourceSummary(machine, { kind: 'disk', key: 'nvme0n1' })).toBe('3.0%');
    expect(resourceSummary(machine, { kind: 'network', key: 'wl:p0' })).toBe('S: 4.1 Kbps  R: 16.4 Kbps');
    expect(resourceSummary(machine, { kind: 'gpu', key: 'gpu-a' })).toBe('—  41 °C');
  });

  it('shows "—" for what is not known: no snapshot yet, a first sample, a device gone', () => {
    expect(resourceSummary(null, { kind: 'cpu' })).toBe('—  —');
    expect(resourceSummary(null, { kind: 'memory' })).toBe('— / — (—)');
    expect(resourceSummary(snapshot(), { kind: 'cpu' })).toBe('—  —');
    expect(resourceSummary(machine, { kind: 'disk', key: 'sdz' })).toBe('—');
  });
});

describe('sparklines of resources', () => {
  const point = historyPoint(machine);

  it('draws CPU %, memory in use, disk active time, network send + receive, GPU %', () => {
    expect(sparkValue(point, { kind: 'cpu' })).toBe(12.5);
    expect(sparkValue(point, { kind: 'memory' })).toBe(2 * 1024 ** 3);
    expect(sparkValue(point, { kind: 'disk', key: 'nvme0n1' })).toBe(3);
    expect(sparkValue(point, { kind: 'network', key: 'wl:p0' })).toBe(2560);
    expect(sparkValue(point, { kind: 'gpu', key: 'gpu-a' })).toBeNull();
    expect(sparkValue(point, { kind: 'disk', key: 'gone' })).toBeNull();
  });

  it('scales percentages to 100, memory to the installed size, network to a nice rate', () => {
    expect(sparkMax(8e9, { kind: 'cpu' }, [5])).toBe(100);
    expect(sparkMax(8e9, { kind: 'memory' }, [5])).toBe(8e9);
    expect(sparkMax(null, { kind: 'memory' }, [5])).toBe(1);
    expect(sparkMax(null, { kind: 'network', key: 'e' }, [3000, null])).toBe(5 * 1024);
  });

  it('is an empty path without history and a dot for one point', () => {
    const box = { widthPx: 100, heightPx: 42 };
    expect(resourceSparkPath([], 60, { kind: 'cpu' }, null, box)).toBe('');
    expect(resourceSparkPath([point], 60, { kind: 'memory' }, 8 * 1024 ** 3, box)).toBe('M100 31h0');
  });
});
