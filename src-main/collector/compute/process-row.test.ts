import { describe, expect, it } from 'vitest';
import { rawProcess } from '../../test-support/raw-fixtures.ts';
import type { RawProcess } from '../platform/platform.ts';
import { processRow } from './process-row.ts';

const START_MS = 1_796_466_508_000;

function raw(overrides: Partial<RawProcess> = {}): RawProcess {
  return rawProcess({
    pid: 10868,
    ppid: 10867,
    name: 'node',
    startTimeMs: START_MS,
    user: 'ada',
    cpuTimeMs: 770,
    memoryBytes: 34_471 * 4096,
    residentBytes: 46_474 * 4096,
    commitBytes: 120_000 * 4096,
    threads: 17,
    handles: 42,
    ioReadBytes: 1_000_000,
    ioWriteBytes: 20_480,
    priority: 'normal',
    commandLine: '/usr/bin/node /work/main/node_modules/.bin/vitest run',
    exePath: '/usr/bin/node',
    cgroupPath: '/user.slice/user-1000.slice/session-2.scope',
    ...overrides,
  });
}

describe('processRow', () => {
  it('the same process one second later: exact rates from the two readings', () => {
    const prev = raw({ gpuEngineBusyNs: new Map([['gfx', 1_000_000_000]]) });
    const next = raw({
      cpuTimeMs: 770 + 500,
      ioReadBytes: 1_000_000 + 4 * 1024 * 1024,
      ioWriteBytes: 20_480 + 8192,
      netRxBytes: 3000,
      gpuEngineBusyNs: new Map([['gfx', 1_000_000_000 + 125_000_000]]),
      gpuMemoryBytes: 64 * 1024 * 1024,
      threads: 18,
      state: 'running',
    });
    expect(processRow(prev, next, 1000, 2)).toEqual({
      pid: 10868,
      ppid: 10867,
      name: 'node',
      startTimeMs: START_MS,
      user: 'ada',
      state: 'running',
      cpuPercent: 25,
      memoryBytes: 34_471 * 4096,
      residentBytes: 46_474 * 4096,
      commitBytes: 120_000 * 4096,
      threads: 18,
      handles: 42,
      ioReadBytesPerSec: 4 * 1024 * 1024,
      ioWriteBytesPerSec: 8192,
      // The previous reading had no network counter: no rate yet.
      netRxBytesPerSec: null,
      netTxBytesPerSec: null,
      gpuPercent: 12.5,
      gpuMemoryBytes: 64 * 1024 * 1024,
      priority: 'normal',
      isEfficiencyMode: null,
      commandLine: '/usr/bin/node /work/main/node_modules/.bin/vitest run',
      exePath: '/usr/bin/node',
      // Linux has no version resources or services: null, not empty.
      description: null,
      publisher: null,
      services: null,
    });
  });

  it('first sample: every rate is null, the instantaneous figures are there', () => {
    const row = processRow(undefined, raw(), 1000, 2);
    expect(row).toMatchObject({
      cpuPercent: null,
      ioReadBytesPerSec: null,
      ioWriteBytesPerSec: null,
      netRxBytesPerSec: null,
      netTxBytesPerSec: null,
      gpuPercent: null,
      memoryBytes: 34_471 * 4096,
      threads: 17,
      name: 'node',
    });
  });

  it('pid reuse: a previous reading with another start time is a different process, so no rates', () => {
    // The old pid 10868 used 9 s of CPU; the new one has used 0.2 s. Mixing them would read as 100 %
    // or as a counter going backwards; neither is shown.
    const prev = raw({ name: 'bash', startTimeMs: START_MS - 60_000, cpuTimeMs: 9_000, ioReadBytes: 10, ioWriteBytes: 10 });
    const next = raw({ startTimeMs: START_MS, cpuTimeMs: 200, ioReadBytes: 900_000_000, ioWriteBytes: 900_000_000 });
    const row = processRow(prev, next, 1000, 2);
    expect(row).toMatchObject({
      name: 'node',
      startTimeMs: START_MS,
      cpuPercent: null,
      ioReadBytesPerSec: null,
      ioWriteBytesPerSec: null,
      gpuPercent: null,
    });
  });

  it.each([
    { name: 'io unreadable now (another user\'s process)', next: { ioReadBytes: null, ioWriteBytes: null } },
    { name: 'io counter went backwards', next: { ioReadBytes: 5, ioWriteBytes: 5 } },
  ])('I/O rates are null, never 0, when $name', ({ next }) => {
    const row = processRow(raw(), raw({ cpuTimeMs: 870, ...next }), 1000, 2);
    expect(row.ioReadBytesPerSec).toBeNull();
    expect(row.ioWriteBytesPerSec).toBeNull();
    expect(row.cpuPercent).toBe(5);
  });

  it('a zero interval gives null rates rather than Infinity', () => {
    const row = processRow(raw(), raw({ cpuTimeMs: 870, ioReadBytes: 2_000_000 }), 0, 2);
    expect(row.cpuPercent).toBeNull();
    expect(row.ioReadBytesPerSec).toBeNull();
  });

  it('CPU % is a share of the whole machine: 1 s of CPU in 1 s on 8 cores is 12.5', () => {
    expect(processRow(raw({ cpuTimeMs: 0 }), raw({ cpuTimeMs: 1000 }), 1000, 8).cpuPercent).toBe(12.5);
  });

  it('Windows: a GPU % the OS measured is taken as is, and null stays null (no busy-ns counters needed)', () => {
    expect(processRow(raw(), raw({ gpuPercent: 37.5 }), 1000, 2).gpuPercent).toBe(37.5);
    expect(processRow(undefined, raw({ gpuPercent: 12 }), 1000, 2).gpuPercent).toBe(12);
    const prev = raw({ gpuEngineBusyNs: new Map([['gfx', 0]]) });
    const next = raw({ gpuEngineBusyNs: new Map([['gfx', 500_000_000]]), gpuPercent: null });
    expect(processRow(prev, next, 1000, 2).gpuPercent).toBeNull();
  });

  it('Windows: description, publisher and hosted services are carried over, the services as a copy', () => {
    const services = ['Dnscache', 'nsi'];
    const row = processRow(undefined, raw({ description: 'Host Process for Windows Services', publisher: 'Microsoft Corporation', services }), 1000, 2);
    expect(row).toMatchObject({ description: 'Host Process for Windows Services', publisher: 'Microsoft Corporation', services: ['Dnscache', 'nsi'] });
    expect(row.services).not.toBe(services);
    expect(processRow(undefined, raw({ services: [] }), 1000, 2).services).toEqual([]);
  });
});
