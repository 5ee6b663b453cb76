import { describe, expect, it } from 'vitest';
import {
  parseProcessInformation,
  priorityFromBasePriority,
  processStateFromThreads,
  SPI,
  STI,
} from './process-information.ts';
import {
  buildProcessInformation,
  fixtureProcess,
  RUNNING_THREAD,
  SUSPENDED_THREAD,
  WAITING_THREAD,
} from './win32-fixtures.ts';

const GiB = 2 ** 30;

describe('SYSTEM_PROCESS_INFORMATION layout (x64)', () => {
  it('uses the offsets of phnt ntexapi.h under natural alignment', () => {
    expect(SPI).toMatchObject({
      NextEntryOffset: 0,
      NumberOfThreads: 4,
      WorkingSetPrivateSize: 8,
      CreateTime: 32,
      UserTime: 40,
      KernelTime: 48,
      ImageName: 56,
      BasePriority: 72,
      UniqueProcessId: 80,
      InheritedFromUniqueProcessId: 88,
      HandleCount: 96,
      SessionId: 100,
      WorkingSetSize: 144,
      PagefileUsage: 184,
      PrivatePageCount: 200,
      ReadTransferCount: 232,
      WriteTransferCount: 240,
      OtherTransferCount: 248,
      size: 256,
    });
    expect(STI).toEqual({ ThreadState: 68, WaitReason: 72, size: 80 });
  });
});

describe('parseProcessInformation', () => {
  const processes = [
    fixtureProcess({ pid: 0, ppid: 0, name: '', createTime: 0n, threads: [RUNNING_THREAD, RUNNING_THREAD], basePriority: 0 }),
    fixtureProcess({ pid: 4, ppid: 0, name: 'System', threads: [WAITING_THREAD, RUNNING_THREAD, WAITING_THREAD], handles: 5123, sessionId: 0 }),
    fixtureProcess({
      pid: 9524,
      ppid: 6040,
      name: 'Notepad.exe',
      createTime: 133_600_000_012_345_678n,
      userTime: 15_625_000n,
      kernelTime: 4_687_500n,
      threads: [WAITING_THREAD, WAITING_THREAD],
      handles: 311,
      sessionId: 1,
      basePriority: 10,
      workingSetBytes: 5 * GiB + 12_288,
      privateWorkingSetBytes: 3 * GiB + 4096,
      pagefileUsageBytes: 6 * GiB,
      privatePageCountBytes: 6 * GiB,
      ioReadBytes: 2 ** 40 + 17,
      ioWriteBytes: 9_000,
      ioOtherBytes: 77,
    }),
    fixtureProcess({ pid: 123_456, ppid: 9524, name: 'Ünïcødé ✓ 名前.exe', threads: [SUSPENDED_THREAD, SUSPENDED_THREAD] }),
  ];
  const built = buildProcessInformation(processes);
  const entries = parseProcessInformation(built.bytes, built.baseAddress, built.length);

  it('walks every entry of the chain, the last one ending it with a zero NextEntryOffset', () => {
    expect(entries.map((e) => e.pid)).toEqual([0, 4, 9524, 123_456]);
  });

  it('reads every field of an entry at its documented offset, 64-bit sizes past 4 GiB included', () => {
    expect(entries[2]).toEqual({
      pid: 9524,
      ppid: 6040,
      name: 'Notepad.exe',
      createTime: 133_600_000_012_345_678n,
      cpuTime100ns: 20_312_500n,
      threads: 2,
      suspendedThreads: 0,
      handles: 311,
      sessionId: 1,
      basePriority: 10,
      workingSetBytes: 5 * GiB + 12_288,
      privateWorkingSetBytes: 3 * GiB + 4096,
      pagefileUsageBytes: 6 * GiB,
      privatePageCountBytes: 6 * GiB,
      ioReadBytes: 2 ** 40 + 17,
      ioWriteBytes: 9_000,
      ioOtherBytes: 77,
    });
  });

  it('decodes UTF-16 names through their pointers; the Idle process has none', () => {
    expect(entries.map((e) => e.name)).toEqual(['', 'System', 'Notepad.exe', 'Ünïcødé ✓ 名前.exe']);
  });

  it('counts the threads that wait with reason Suspended', () => {
    expect(entries.map((e) => [e.threads, e.suspendedThreads])).toEqual([
      [2, 0],
      [3, 0],
      [2, 0],
      [2, 2],
    ]);
  });

  it('keeps every process: no cap (3,000 entries)', () => {
    const many = buildProcessInformation(Array.from({ length: 3000 }, (_, i) => fixtureProcess({ pid: (i + 1) * 4 })));
    const parsed = parseProcessInformation(many.bytes, many.baseAddress, many.length);
    expect(parsed).toHaveLength(3000);
    expect(parsed[2999]?.name).toBe('p12000.exe');
  });

  it('a buffer of one entry (no chain) is that entry', () => {
    const one = buildProcessInformation([fixtureProcess({ pid: 8 })]);
    expect(parseProcessInformation(one.bytes, one.baseAddress, one.length).map((e) => e.pid)).toEqual([8]);
  });

  it('rejects a returned length that cuts an entry or its threads short', () => {
    expect(() => parseProcessInformation(built.bytes, built.baseAddress, 0x80)).toThrow(RangeError);
    const threadsCut = 0x100 + 0x50; // the Idle process has two threads
    expect(() => parseProcessInformation(built.bytes, built.baseAddress, threadsCut)).toThrow(/threads/);
  });

  it('rejects a chain that does not move forward (a NextEntryOffset shorter than an entry)', () => {
    const copy = Buffer.from(built.bytes);
    copy.writeUInt32LE(8, 0);
    expect(() => parseProcessInformation(copy, built.baseAddress, built.length)).toThrow(/NextEntryOffset/);
  });

  it('rejects a name pointer outside the buffer (the wrong base address)', () => {
    expect(() => parseProcessInformation(built.bytes, built.baseAddress + 0x10_0000n, built.length)).toThrow(/outside/);
  });
});

describe('processStateFromThreads', () => {
  it.each([
    { threads: 3, suspended: 3, state: 'stopped' },
    { threads: 3, suspended: 2, state: 'running' },
    { threads: 1, suspended: 0, state: 'running' },
    { threads: 0, suspended: 0, state: 'idle' },
  ] as const)('$threads threads, $suspended suspended → $state', ({ threads, suspended, state }) => {
    expect(processStateFromThreads(threads, suspended)).toBe(state);
  });

  it('a process whose every thread was suspended (NtSuspendProcess) reads stopped from the buffer', () => {
    const b = buildProcessInformation([fixtureProcess({ pid: 40, threads: [SUSPENDED_THREAD, SUSPENDED_THREAD, SUSPENDED_THREAD] })]);
    const [e] = parseProcessInformation(b.bytes, b.baseAddress, b.length);
    expect(e && processStateFromThreads(e.threads, e.suspendedThreads)).toBe('stopped');
  });

  it('a thread waiting for another reason, or suspended while not waiting, does not count as suspended', () => {
    const b = buildProcessInformation([
      fixtureProcess({ pid: 40, threads: [SUSPENDED_THREAD, { state: 5, waitReason: 6 }] }),
      fixtureProcess({ pid: 44, threads: [{ state: 2, waitReason: 5 }] }),
    ]);
    const parsed = parseProcessInformation(b.bytes, b.baseAddress, b.length);
    expect(parsed.map((e) => processStateFromThreads(e.threads, e.suspendedThreads))).toEqual(['running', 'running']);
  });
});

describe('priorityFromBasePriority', () => {
  it.each([
    [4, 'idle'],
    [6, 'belowNormal'],
    [8, 'normal'],
    [9, 'normal'],
    [10, 'aboveNormal'],
    [13, 'high'],
    [24, 'realtime'],
    [1, 'idle'],
    [0, null],
    [-3, null],
  ] as const)('base %i → %s', (base, priority) => {
    expect(priorityFromBasePriority(base)).toBe(priority);
  });
});
