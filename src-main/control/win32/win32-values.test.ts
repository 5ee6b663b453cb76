import { describe, expect, it } from 'vitest';
import { PRIORITIES } from '../../../src-shared/snapshot.ts';
import { ACCESS, accessFor, affinityMask, DUMP_TYPE, efficiencyMode, PRIORITY_CLASS, priorityOfClass, realtimeRefusal, type Win32Action } from './win32-values.ts';

describe('accessFor', () => {
  it.each<[Win32Action, number]>([
    ['inspect', 0x1000],
    ['terminate', 0x1000 | 0x0001 | 0x0010_0000],
    ['suspendResume', 0x1000 | 0x0800],
    ['setPriority', 0x1000 | 0x0200],
    ['setAffinity', 0x1000 | 0x0200],
    ['setEfficiencyMode', 0x1000 | 0x0200],
    ['dump', 0x1000 | 0x0400 | 0x0010 | 0x0040],
  ])('%s opens with 0x%s and nothing more', (action, rights) => {
    expect(accessFor(action)).toBe(rights);
  });

  it('always includes the query right that identity (GetProcessTimes) and IsProcessCritical need', () => {
    for (const action of ['inspect', 'terminate', 'suspendResume', 'setPriority', 'setAffinity', 'setEfficiencyMode', 'dump'] as const) {
      expect(accessFor(action) & ACCESS.QUERY_LIMITED_INFORMATION).toBe(ACCESS.QUERY_LIMITED_INFORMATION);
    }
  });
});

describe('priority classes', () => {
  it.each([
    ['realtime', 0x100],
    ['high', 0x80],
    ['aboveNormal', 0x8000],
    ['normal', 0x20],
    ['belowNormal', 0x4000],
    ['idle', 0x40],
  ] as const)('%s is 0x%s', (priority, value) => {
    expect(PRIORITY_CLASS[priority]).toBe(value);
  });

  it('maps every class back to its priority, and an unknown value to null', () => {
    for (const priority of PRIORITIES) expect(priorityOfClass(PRIORITY_CLASS[priority])).toBe(priority);
    expect(priorityOfClass(0)).toBeNull();
    expect(priorityOfClass(0x12345)).toBeNull();
  });

  it('says when Windows gave High for realtime (not elevated), and stays quiet otherwise', () => {
    expect(realtimeRefusal('realtime', PRIORITY_CLASS.high, 'Setting the priority')).toMatchObject({ code: 'ACCESS_DENIED', message: expect.stringMatching(/high instead of realtime.*administrator/) });
    expect(realtimeRefusal('realtime', PRIORITY_CLASS.realtime, 'Setting the priority')).toBeNull();
    expect(realtimeRefusal('high', PRIORITY_CLASS.high, 'Setting the priority')).toBeNull();
  });
});

describe('affinityMask', () => {
  const eightCpus = { systemMask: 0xffn, groupCount: 1 };

  it.each([
    [[0], 0x1n],
    [[0, 3], 0x9n],
    [[7, 0, 7], 0x81n],
    [[0, 1, 2, 3, 4, 5, 6, 7], 0xffn],
  ])('cpus %j → mask 0x%s', (cpus, mask) => {
    expect(affinityMask(cpus, eightCpus, 'Setting the affinity')).toEqual({ ok: true, mask });
  });

  it('builds bits above 32 and up to 63 exactly (BigInt, no float rounding)', () => {
    const all64 = { systemMask: (1n << 64n) - 1n, groupCount: 1 };
    expect(affinityMask([63], all64, 'x')).toEqual({ ok: true, mask: 1n << 63n });
    expect(affinityMask([32, 33], all64, 'x')).toEqual({ ok: true, mask: 0x3_0000_0000n });
  });

  it('refuses CPUs the machine does not have (not in the system mask), naming them', () => {
    expect(affinityMask([2, 9], eightCpus, 'Setting the affinity')).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('CPU 9') });
    // a hole in the system mask (a parked or absent processor)
    expect(affinityMask([1], { systemMask: 0b101n, groupCount: 1 }, 'x')).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('refuses CPU 64 and above: one mask addresses one group of at most 64', () => {
    expect(affinityMask([64], { systemMask: (1n << 64n) - 1n, groupCount: 1 }, 'x')).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('64') });
  });

  it('is UNSUPPORTED on a machine with several processor groups, whatever the CPUs', () => {
    expect(affinityMask([0], { systemMask: 0xffn, groupCount: 2 }, 'Setting the affinity')).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('2 processor groups') });
  });

  it('refuses an empty list', () => {
    expect(affinityMask([], eightCpus, 'x')).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('efficiencyMode', () => {
  it('on: takes control of execution-speed throttling, switches it on, and idle priority', () => {
    expect(efficiencyMode(true)).toEqual({ throttling: { version: 1, controlMask: 1, stateMask: 1 }, priorityClass: 0x40 });
  });

  it('off: hands throttling back to Windows and normal priority', () => {
    expect(efficiencyMode(false)).toEqual({ throttling: { version: 1, controlMask: 0, stateMask: 0 }, priorityClass: 0x20 });
  });
});

describe('DUMP_TYPE', () => {
  it('is a full dump with handles, unloaded modules, memory info and thread info', () => {
    expect(DUMP_TYPE).toBe(0x1826);
  });
});
