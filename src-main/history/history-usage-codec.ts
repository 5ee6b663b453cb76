/**
 * The usage blobs (history-usage-db.ts): a minute's or an hour's processes, or its apps and
 * executables, as key ids with their totals, and how several add up. Pure: no database.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { addTotals, type UsageTotals } from './history-usage.ts';

/** Totals by key id (what a blob holds), with members for groups. */
export interface IdEntry {
  id: number;
  totals: UsageTotals;
  members: Set<number>;
}
export interface IdBucket {
  recordedMs: number;
  capacityMs: number;
  processes: Map<number, IdEntry>;
  groups: Map<number, IdEntry>;
}


const FIGURES = 10;
/** Per entry: its key id, the figures, its member count. */
const ENTRY_VALUES = 1 + FIGURES + 1;
const orNaN = (value: number | null) => (value === null ? Number.NaN : value);
const orNull = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? null : value);

/**
 * [entry count: u32, 4 bytes of padding][per entry: ENTRY_VALUES float64][per entry: its members'
 * key ids sorted, each as the difference from the one before: u32] — deflated. The members of an
 * app are mostly ids in a row: their differences deflate to almost nothing.
 */
export function encodeEntries(entries: readonly IdEntry[]): Uint8Array {
  const figures = new Float64Array(entries.length * ENTRY_VALUES);
  const memberLists = entries.map((e) => [...e.members].filter((id) => id >= 0).sort((a, b) => a - b));
  const members = new Uint32Array(memberLists.reduce((sum, list) => sum + list.length, 0));
  let m = 0;
  entries.forEach(({ id, totals: t }, i) => {
    const list = memberLists[i] ?? [];
    figures.set([id, t.presentMs, t.cpuTimeMs, orNaN(t.memoryPeakBytes), t.memoryByteMs, t.memoryKnownMs, orNaN(t.diskReadBytes), orNaN(t.diskWriteBytes), orNaN(t.gpuTimeMs), orNaN(t.netRxBytes), orNaN(t.netTxBytes), list.length], i * ENTRY_VALUES);
    let previous = 0;
    for (const member of list) {
      members[m++] = member - previous;
      previous = member;
    }
  });
  const header = new Uint32Array([entries.length, 0]);
  return deflateRawSync(Buffer.concat([new Uint8Array(header.buffer), new Uint8Array(figures.buffer), new Uint8Array(members.buffer)]));
}

export function decodeEntries(blob: Uint8Array): IdEntry[] {
  // A copy at offset 0, so the float64 view is aligned.
  const bytes = new Uint8Array(inflateRawSync(blob));
  const count = new Uint32Array(bytes.buffer, 0, 1)[0] ?? 0;
  const figures = new Float64Array(bytes.buffer, 8, count * ENTRY_VALUES);
  const members = new Uint32Array(bytes.buffer, 8 + figures.byteLength, (bytes.byteLength - 8 - figures.byteLength) / 4);
  const entries: IdEntry[] = [];
  let m = 0;
  for (let e = 0; e < count; e++) {
    const v = (k: number) => figures[e * ENTRY_VALUES + k] ?? Number.NaN;
    const totals: UsageTotals = {
      presentMs: v(1),
      cpuTimeMs: v(2),
      memoryPeakBytes: orNull(v(3)),
      memoryByteMs: v(4),
      memoryKnownMs: v(5),
      diskReadBytes: orNull(v(6)),
      diskWriteBytes: orNull(v(7)),
      gpuTimeMs: orNull(v(8)),
      netRxBytes: orNull(v(9)),
      netTxBytes: orNull(v(10)),
    };
    const ids = new Set<number>();
    let id = 0;
    for (let k = 0; k < v(11); k++) {
      id += members[m++] ?? 0;
      ids.add(id);
    }
    entries.push({ id: v(0), totals, members: ids });
  }
  return entries;
}

export function emptyIdBucket(): IdBucket {
  return { recordedMs: 0, capacityMs: 0, processes: new Map(), groups: new Map() };
}

export function mergeEntries(into: Map<number, IdEntry>, entries: readonly IdEntry[]): void {
  for (const entry of entries) {
    const known = into.get(entry.id);
    if (!known) {
      into.set(entry.id, { id: entry.id, totals: { ...entry.totals }, members: new Set(entry.members) });
      continue;
    }
    addTotals(known.totals, entry.totals);
    for (const member of entry.members) known.members.add(member);
  }
}
