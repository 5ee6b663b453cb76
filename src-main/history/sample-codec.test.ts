import { describe, expect, it } from 'vitest';
import { processRow } from '../../src-shared/testing/fixtures.ts';
import { decodeSamples, decodeSamplesInto, encodeSamples, FiguresTable, type Figures, type IdFigures } from './sample-codec.ts';

/** Every figure null: the least a row can say (the shared fixture's row less what an identity holds). */
const { pid: _pid, startTimeMs: _start, name: _name, user: _user, commandLine: _line, exePath: _exe, description: _description, publisher: _publisher, ...blank } = processRow({ ppid: 1, state: 'sleeping' });

/** Every field set, each to something awkward for its kind. */
const full: Figures = {
  ppid: 4_194_304,
  state: 'running',
  cpuPercent: 0.30000000000000004,
  memoryBytes: 2 ** 53 - 1,
  residentBytes: 123_456_789_012,
  commitBytes: -0,
  threads: 0,
  handles: 1,
  ioReadBytesPerSec: 1e-300,
  ioWriteBytesPerSec: 4096.5,
  netRxBytesPerSec: Number.MAX_VALUE,
  netTxBytesPerSec: -(2 ** 53 - 1),
  gpuPercent: 100,
  gpuMemoryBytes: 7,
  priority: 'belowNormal',
  isEfficiencyMode: false,
  services: ['Dnscache', 'naïve “quoted” ✓', ''],
};

const row = (id: number, figures: Partial<Figures> = {}): IdFigures => ({ id, figures: { ...blank, ...figures } });

describe('sample codec: a tick standalone (a minute list)', () => {
  it.each<[string, IdFigures[]]>([
    ['no rows', []],
    ['one blank row', [row(1)]],
    ['every field set, awkward values', [{ id: 7, figures: full }]],
    ['efficiency mode on', [row(3, { isEfficiencyMode: true })]],
    ['ids far apart, given out of order (read back ascending)', [row(900_000), row(2), row(40)]],
  ])('%s: read back as written', (_name, rows) => {
    const decoded = decodeSamples(encodeSamples(rows, null), null);
    expect(decoded).toEqual([...rows].sort((a, b) => a.id - b.id));
    // toEqual treats -0 as 0: the sign must survive too.
    for (const r of decoded) expect(Object.is(r.figures.commitBytes, r.id === 7 ? -0 : null)).toBe(true);
  });

  it('the same id twice is refused', () => {
    expect(() => encodeSamples([row(5), row(5)], null)).toThrow(RangeError);
  });
});

describe('sample codec: a tick against the figures before it', () => {
  const before = new Map<number, Figures>([
    [1, { ...full }],
    [2, { ...blank, memoryBytes: 10_000_000, residentBytes: 8_000_000, threads: 4 }],
  ]);

  it.each<[string, IdFigures[], number]>([
    // 3 header bytes (format, count, id delta) and one tag per field, no payload.
    ['nothing moved: one tag a figure', [{ id: 1, figures: { ...full } }], 3 + 17],
    // The CPU's float (8 bytes); the memory's difference (4096 → 2 bytes of zigzag) not its value.
    ['CPU and memory moved', [{ id: 2, figures: { ...blank, cpuPercent: 1.25, memoryBytes: 10_004_096, residentBytes: 8_000_000, threads: 4 } }], 3 + 17 + 8 + 2],
  ])('%s: read back exactly, in %i bytes', (_name, rows, size) => {
    const bytes = encodeSamples(rows, before);
    expect(bytes.length).toBe(size);
    expect(decodeSamples(bytes, before)).toEqual(rows);
  });

  it('an id not seen before is written whole, then read with nothing before it', () => {
    const rows = [row(3, { cpuPercent: 2.5, memoryBytes: 1_000 })];
    const bytes = encodeSamples(rows, before);
    expect(decodeSamples(bytes, null)).toEqual(rows);
  });

  it('a memory that shrank by much is written as its value, not a difference', () => {
    const rows = [{ id: 2, figures: { ...blank, memoryBytes: 3, residentBytes: 8_000_000, threads: 4 } }];
    expect(decodeSamples(encodeSamples(rows, before), before)).toEqual(rows);
  });

  it('a figure that went from a number to unknown, and a list that changed, are read as they became', () => {
    const rows = [{ id: 1, figures: { ...full, cpuPercent: null, services: ['Dnscache'] } }];
    expect(decodeSamples(encodeSamples(rows, before), before)).toEqual(rows);
  });

  it('into a table: figures not sent stay, those sent change, the ids sent are returned', () => {
    const table = FiguresTable.of(before);
    const ids = decodeSamplesInto(encodeSamples([{ id: 2, figures: { ...blank, cpuPercent: 9, memoryBytes: 10_000_000, residentBytes: 8_000_000, threads: 4 } }], before), table);
    expect(ids).toEqual([2]);
    expect(table.get(1)).toEqual(full);
    expect(table.get(2)).toEqual({ ...blank, cpuPercent: 9, memoryBytes: 10_000_000, residentBytes: 8_000_000, threads: 4 });
    table.delete(2);
    expect(table.get(2)).toBeUndefined();
    expect([...table.ids()]).toEqual([1]);
  });
});

describe('sample codec: bytes it did not write', () => {
  const good = encodeSamples([{ id: 1, figures: full }], null);
  it.each<[string, Uint8Array, ReadonlyMap<number, Figures> | null]>([
    ['empty', new Uint8Array(0), null],
    ['an unknown format', Uint8Array.from([9, 0]), null],
    ['cut short', good.subarray(0, good.length - 3), null],
    ['bytes left over', Uint8Array.from([...good, 0]), null],
    ['"same as before" read with nothing before', encodeSamples([{ id: 1, figures: full }], new Map([[1, full]])), null],
    ['an unknown tag', Uint8Array.from([1, 1, 1, 99]), null],
  ])('%s: a RangeError, never a guess', (_name, bytes, previous) => {
    expect(() => decodeSamples(bytes, previous)).toThrow(RangeError);
  });
});
