import { describe, expect, it } from 'vitest';
import { decodeEntries, emptyIdBucket, encodeEntries, mergeEntries, type IdEntry } from './history-usage-codec.ts';
import { emptyTotals } from './history-usage.ts';

const entry = (id: number, over: Partial<IdEntry['totals']> = {}, members: number[] = []): IdEntry => ({ id, totals: { ...emptyTotals(), ...over }, members: new Set(members) });

describe('usage blobs', () => {
  it.each<[string, IdEntry[]]>([
    ['nothing', []],
    ['a process: every figure, nulls kept as null (not 0)', [entry(7, { presentMs: 60_000, cpuTimeMs: 1234.5678, memoryPeakBytes: 2 ** 40 + 1, memoryByteMs: 6.5e13, memoryKnownMs: 59_000, diskReadBytes: 0, diskWriteBytes: 4096, gpuTimeMs: null, netRxBytes: null, netTxBytes: 12 })]],
    ['groups with members (unsorted in, sorted out), and one without', [entry(3, { cpuTimeMs: 1 }, [905, 17, 18, 400_000]), entry(4, {}, []), entry(5, { memoryPeakBytes: 0 }, [1])]],
  ])('round trip: %s', (_name, entries) => {
    const decoded = decodeEntries(encodeEntries(entries));
    expect(decoded).toEqual(entries);
  });

  it('a blob of an app with many members in a row stays small (ids as differences)', () => {
    const members = Array.from({ length: 500 }, (_, i) => 1_000 + i);
    expect(encodeEntries([entry(1, {}, members)]).byteLength).toBeLessThan(200);
  });

  it('merging adds the figures and unions the members, leaving the inputs as they were', () => {
    const into = emptyIdBucket().groups;
    const a = entry(1, { cpuTimeMs: 1, memoryPeakBytes: 5 }, [10]);
    mergeEntries(into, [a]);
    mergeEntries(into, [entry(1, { cpuTimeMs: 2, memoryPeakBytes: 3, diskReadBytes: 9 }, [11])]);
    expect(into.get(1)).toEqual(entry(1, { cpuTimeMs: 3, memoryPeakBytes: 5, diskReadBytes: 9 }, [10, 11]));
    expect(a).toEqual(entry(1, { cpuTimeMs: 1, memoryPeakBytes: 5 }, [10]));
  });
});
