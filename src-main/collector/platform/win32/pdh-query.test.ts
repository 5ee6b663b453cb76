import { describe, expect, it } from 'vitest';
import { emptyMachine, FakeWin32Api, type FakeMachine } from './fake-win32-api.ts';
import { PDH_CSTATUS_NO_INSTANCE, PDH_INVALID_ARGUMENT, PDH_MORE_DATA, PDH_NO_DATA, PdhCounters, readingOfStatus, valuesByInstance } from './pdh-query.ts';
import type { Handle } from './win32-api.ts';
import type { FixtureCounterItem } from './win32-fixtures.ts';

const ENGINE_PATH = '\\GPU Engine(*)\\Utilization Percentage';
const MODIFIED_PATH = '\\Memory\\Modified Page List Bytes';
const DISK_PATH = '\\PhysicalDisk(*)\\Disk Read Bytes/sec';
const GPU = 'luid_0x00000000_0x0000C2F1_phys_0';
const SPECS = {
  engine: { path: ENGINE_PATH, kind: 'formatted' },
  modified: { path: MODIFIED_PATH, kind: 'formatted' },
  diskRead: { path: DISK_PATH, kind: 'raw' },
} as const;

function pdhMachine(counters: FakeMachine['counters']): FakeMachine {
  return emptyMachine({ counters });
}

/** A desktop's engine list: 3,000 instances, 24 bytes each plus a ~120-byte name: ~430 KiB. */
const manyEngines = (): FixtureCounterItem[] => Array.from({ length: 3000 }, (_, i) => ({ name: `pid_${20_000 + i * 4}_${GPU}_eng_${i % 8}_engtype_3D`, value: i % 7 }));

describe('PdhCounters.read: the documented two-call protocol', () => {
  it('reads an engine list far past 64 KiB on a PDH that answers PDH_INVALID_ARGUMENT to a short non-zero size', () => {
    const items = manyEngines();
    const api = new FakeWin32Api(pdhMachine(new Map([[ENGINE_PATH, { kind: 'formatted', items }]])));
    const pdh = new PdhCounters(api, SPECS);
    const reading = pdh.read('engine');
    expect(reading?.itemCount).toBe(3000);
    expect(reading?.values).toHaveLength(3000);
    expect(reading?.values[2999]).toEqual({ name: items[2999]?.name, value: 2999 % 7 });
    // One size query (size 0, no buffer), then one read into a buffer that large.
    expect(api.calls).toMatchObject({ pdhSizeQueries: 1, pdhReads: 1 });
  });

  it('asks for the size again on every read (instances come and go between collections)', () => {
    const m = pdhMachine(new Map([[ENGINE_PATH, { kind: 'formatted', items: [{ name: `pid_1_${GPU}_eng_0_engtype_3D`, value: 5 }] }]]));
    const api = new FakeWin32Api(m);
    const pdh = new PdhCounters(api, SPECS);
    expect(pdh.read('engine')?.values).toHaveLength(1);
    const engines = m.counters.get(ENGINE_PATH);
    if (engines) engines.items = manyEngines();
    pdh.collect();
    expect(pdh.read('engine')?.values).toHaveLength(3000);
    expect(api.calls).toMatchObject({ pdhSizeQueries: 2, pdhReads: 2 });
  });

  it('reads raw arrays the same way', () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ name: `${i} C:`, value: 1000 + i }));
    const api = new FakeWin32Api(pdhMachine(new Map([[DISK_PATH, { kind: 'raw', items }]])));
    const reading = new PdhCounters(api, SPECS).read('diskRead');
    expect(reading?.values).toHaveLength(2000);
    expect(reading?.values[1999]).toEqual({ name: '1999 C:', value: 2999 });
  });

  it('when the read still says the buffer is short, starts over from a size query; gives up (null) after a bound', () => {
    const items = [{ name: `pid_1_${GPU}_eng_0_engtype_3D`, value: 5 }];
    let shortAnswers = 1;
    class Flaky extends FakeWin32Api {
      override pdhGetFormattedCounterArray(counter: Handle, format: number, bufferBytes: [number], itemCount: [number], buffer: Buffer | null): number {
        if (buffer !== null && shortAnswers-- > 0) return PDH_MORE_DATA;
        return super.pdhGetFormattedCounterArray(counter, format, bufferBytes, itemCount, buffer);
      }
    }
    const once = new Flaky(pdhMachine(new Map([[ENGINE_PATH, { kind: 'formatted', items }]])));
    expect(new PdhCounters(once, SPECS).read('engine')?.values).toEqual([{ name: items[0]?.name, value: 5 }]);
    expect(once.calls.pdhSizeQueries).toBe(2);

    shortAnswers = Number.POSITIVE_INFINITY;
    const always = new Flaky(pdhMachine(new Map([[ENGINE_PATH, { kind: 'formatted', items }]])));
    expect(new PdhCounters(always, SPECS).read('engine')).toBeNull();
    expect(always.calls.pdhSizeQueries).toBeLessThanOrEqual(3);
  });
});

describe('PdhCounters.read: statuses that are answers, not failures', () => {
  it.each([
    ['PDH_NO_DATA', PDH_NO_DATA],
    ['PDH_CSTATUS_NO_INSTANCE', PDH_CSTATUS_NO_INSTANCE],
  ])('a wildcard counter answering %s has no instance now: an empty list, not unknown', (_label, status) => {
    const api = new FakeWin32Api(pdhMachine(new Map([[ENGINE_PATH, { kind: 'formatted', items: [], status }]])));
    const reading = new PdhCounters(api, SPECS).read('engine');
    expect(reading).toEqual({ values: [], itemCount: 0 });
    expect(valuesByInstance(reading)).toEqual(new Map());
  });

  it('a counter of one instance answering PDH_NO_DATA is unknown (null), never an empty list', () => {
    const api = new FakeWin32Api(pdhMachine(new Map([[MODIFIED_PATH, { kind: 'formatted', items: [], status: PDH_NO_DATA }]])));
    expect(new PdhCounters(api, SPECS).read('modified')).toBeNull();
  });

  it('any other failure is null', () => {
    const api = new FakeWin32Api(pdhMachine(new Map([[ENGINE_PATH, { kind: 'formatted', items: [], status: 0xc0000bc6 }]]))); // PDH_INVALID_DATA
    const pdh = new PdhCounters(api, SPECS);
    expect(pdh.read('engine')).toBeNull();
    expect(pdh.read('diskRead')).toBeNull(); // never added: the object does not exist
  });
});

describe('readingOfStatus', () => {
  it.each([
    { status: PDH_NO_DATA, isWildcard: true, empty: true },
    { status: PDH_CSTATUS_NO_INSTANCE | 0, isWildcard: true, empty: true },
    { status: PDH_NO_DATA, isWildcard: false, empty: false },
    { status: PDH_CSTATUS_NO_INSTANCE, isWildcard: false, empty: false },
    { status: PDH_INVALID_ARGUMENT, isWildcard: true, empty: false },
    { status: 0xc0000bb8, isWildcard: true, empty: false }, // PDH_CSTATUS_NO_OBJECT
  ])('0x$status wildcard=$isWildcard → empty list: $empty', ({ status, isWildcard, empty }) => {
    expect(readingOfStatus(status, isWildcard)).toEqual(empty ? { values: [], itemCount: 0 } : null);
  });
});
