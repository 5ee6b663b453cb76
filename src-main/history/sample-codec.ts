/**
 * The compact encoding of a tick's process samples (pure; history-db.ts deflates and stores it).
 *
 * Why: one SQLite row per process per second rewrote many pages per commit (bench/history-bench.ts
 * measured 96 MB/h written at 500 processes against a budget of 12.5). A tick's rows are now one
 * value, columnar so that like follows like: the identity ids (ascending, as deltas), then each
 * field's tags for every row, then that field's payloads. Against `previous` (each identity's
 * figures as last recorded since the minute's complete list), a figure that did not move is one
 * tag, and an integer that moved is its difference, so an idle process's memory costs nothing.
 * Numbers round-trip exactly: integers up to 2^52 as zigzag varints, anything else as a float64.
 */
import type { SampleRow } from './history-recorder.ts';
import { ByteReader, ByteWriter, isZigzag } from './byte-codec.ts';

/** A sample's figures without its identity (pid and start time live in the `identity` table). */
export type Figures = Omit<SampleRow, 'pid' | 'startTimeMs'>;

export interface IdFigures {
  /** The `identity` row's id. */
  readonly id: number;
  readonly figures: Figures;
}

/** How one value is written; the payload (if any) follows in the field's payload stream. */
const Tag = {
  /** As in `previous` for this id. */
  Same: 0,
  Null: 1,
  /** A safe integer, zigzag varint. */
  Int: 2,
  /** An integer, zigzag varint of its difference from `previous`. */
  Delta: 3,
  Float: 4,
  /** UTF-8, varint length first. */
  Text: 5,
  True: 6,
  False: 7,
} as const;

type FieldKind = 'number' | 'text' | 'boolean' | 'list';

/**
 * The figures in the order they are written, each with its reader (one small function a field,
 * so each property read site sees one shape: a keyed read over 17 names was the encoder's main
 * cost). Changing the list changes the format (history-db.ts SCHEMA_VERSION).
 */
const FIELDS: readonly (readonly [keyof Figures, FieldKind, (figures: Figures) => FieldValue])[] = [
  ['ppid', 'number', (f) => f.ppid],
  ['state', 'text', (f) => f.state],
  ['cpuPercent', 'number', (f) => f.cpuPercent],
  ['memoryBytes', 'number', (f) => f.memoryBytes],
  ['residentBytes', 'number', (f) => f.residentBytes],
  ['commitBytes', 'number', (f) => f.commitBytes],
  ['threads', 'number', (f) => f.threads],
  ['handles', 'number', (f) => f.handles],
  ['ioReadBytesPerSec', 'number', (f) => f.ioReadBytesPerSec],
  ['ioWriteBytesPerSec', 'number', (f) => f.ioWriteBytesPerSec],
  ['netRxBytesPerSec', 'number', (f) => f.netRxBytesPerSec],
  ['netTxBytesPerSec', 'number', (f) => f.netTxBytesPerSec],
  ['gpuPercent', 'number', (f) => f.gpuPercent],
  ['gpuMemoryBytes', 'number', (f) => f.gpuMemoryBytes],
  ['priority', 'text', (f) => f.priority],
  ['isEfficiencyMode', 'boolean', (f) => f.isEfficiencyMode],
  ['services', 'list', (f) => f.services],
];

/** A figure as the codec sees it (a state or a priority is its text). */
type FieldValue = number | string | boolean | readonly string[] | null;

function isSameValue(a: FieldValue | undefined, b: FieldValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  // Object.is: 0 and -0 differ, NaN equals NaN, so "same" rebuilds the very value.
  return Object.is(a, b);
}

function writeValue(tags: ByteWriter, payload: ByteWriter, kind: FieldKind, value: FieldValue, before: FieldValue | undefined, hasBefore: boolean): void {
  if (hasBefore && isSameValue(before, value)) return tags.byte(Tag.Same);
  if (value === null) return tags.byte(Tag.Null);
  if (kind === 'boolean') return tags.byte(value === true ? Tag.True : Tag.False);
  if (kind === 'text' || kind === 'list') {
    tags.byte(Tag.Text);
    return payload.text(kind === 'list' ? JSON.stringify(value) : String(value));
  }
  const number = value as number; // kind 'number': FIELDS names only number | null fields so
  if (isZigzag(number) && !Object.is(number, -0)) {
    if (typeof before === 'number' && isZigzag(before) && isZigzag(number - before)) {
      const delta = number - before;
      // The difference only where it is shorter: a small change of a big number.
      if (Math.abs(delta) * 64 < Math.abs(number)) {
        tags.byte(Tag.Delta);
        return payload.zigzag(delta);
      }
    }
    tags.byte(Tag.Int);
    return payload.zigzag(number);
  }
  tags.byte(Tag.Float);
  payload.float(number);
}

/** A value other than `Tag.Same` (the caller keeps what it has); `before` is the figure before this row, if any. */
function readValue(tag: number, payload: ByteReader, kind: FieldKind, before: FieldValue | undefined): FieldValue {
  switch (tag) {
    case Tag.Null:
      return null;
    case Tag.True:
      return true;
    case Tag.False:
      return false;
    case Tag.Int:
      return payload.zigzag();
    case Tag.Delta:
      if (typeof before !== 'number') throw new RangeError('sample codec: a difference from no number');
      return before + payload.zigzag();
    case Tag.Float:
      return payload.float();
    case Tag.Text: {
      const text = payload.text();
      return kind === 'list' ? (JSON.parse(text) as string[]) : text;
    }
    default:
      throw new RangeError(`sample codec: unknown tag ${tag}`);
  }
}

const FORMAT = 1;

/**
 * `rows` as bytes. `previous` holds each id's figures as last recorded (a tick of the minute
 * after its complete list); null for a value that must stand alone (the complete list itself).
 * Ids must be distinct.
 */
export function encodeSamples(rows: readonly IdFigures[], previous: ReadonlyMap<number, Figures> | null): Uint8Array {
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  const out = new ByteWriter();
  out.byte(FORMAT);
  out.varint(sorted.length);
  let lastId = 0;
  for (const row of sorted) {
    if (row.id <= lastId && lastId !== 0) throw new RangeError(`sample codec: id ${row.id} twice`);
    out.varint(row.id - lastId);
    lastId = row.id;
  }
  const figures = sorted.map((row) => row.figures);
  const befores = sorted.map((row) => previous?.get(row.id));
  const tags = new ByteWriter();
  const payload = new ByteWriter();
  for (const [, kind, read] of FIELDS) {
    for (let i = 0; i < figures.length; i++) {
      const before = befores[i];
      const now = figures[i];
      if (now) writeValue(tags, payload, kind, read(now), before === undefined ? undefined : read(before), before !== undefined);
    }
    out.drain(tags);
    out.drain(payload);
  }
  return out.done();
}

/**
 * Each identity's figures as last read: what a tick's samples are read against. Kept as columns,
 * one slot an identity, so a figure that did not move costs a tag read and no object (a moment
 * at 2,000 processes reads 27,000 rows of the minute's ticks).
 */
export class FiguresTable {
  private readonly slots = new Map<number, number>();
  private readonly columns: FieldValue[][] = FIELDS.map(() => []);
  private size = 0;

  /** A table holding `figures` for each id. */
  static of(figures: ReadonlyMap<number, Figures>): FiguresTable {
    const table = new FiguresTable();
    for (const [id, row] of figures) {
      const slot = table.slotOf(id);
      for (const [f, [, , read]] of FIELDS.entries()) table.column(f)[slot] = read(row);
    }
    return table;
  }

  has(id: number): boolean {
    return this.slots.has(id);
  }

  ids(): IterableIterator<number> {
    return this.slots.keys();
  }

  delete(id: number): void {
    this.slots.delete(id);
  }

  /** The figures of `id`, or undefined for one not in the table. */
  get(id: number): Figures | undefined {
    const slot = this.slots.get(id);
    if (slot === undefined) return undefined;
    const at = (field: number) => this.column(field)[slot] ?? null;
    // In FIELDS' order; written by `decodeSamplesInto` from values of each field's own kind.
    return {
      ppid: at(0) as Figures['ppid'],
      state: at(1) as Figures['state'],
      cpuPercent: at(2) as Figures['cpuPercent'],
      memoryBytes: at(3) as Figures['memoryBytes'],
      residentBytes: at(4) as Figures['residentBytes'],
      commitBytes: at(5) as Figures['commitBytes'],
      threads: at(6) as Figures['threads'],
      handles: at(7) as Figures['handles'],
      ioReadBytesPerSec: at(8) as Figures['ioReadBytesPerSec'],
      ioWriteBytesPerSec: at(9) as Figures['ioWriteBytesPerSec'],
      netRxBytesPerSec: at(10) as Figures['netRxBytesPerSec'],
      netTxBytesPerSec: at(11) as Figures['netTxBytesPerSec'],
      gpuPercent: at(12) as Figures['gpuPercent'],
      gpuMemoryBytes: at(13) as Figures['gpuMemoryBytes'],
      priority: at(14) as Figures['priority'],
      isEfficiencyMode: at(15) as Figures['isEfficiencyMode'],
      services: at(16) as Figures['services'],
    };
  }

  /** `id`'s slot, a new one for an id not in the table. */
  slotOf(id: number): number {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.size++;
      this.slots.set(id, slot);
    }
    return slot;
  }

  column(field: number): FieldValue[] {
    const column = this.columns[field];
    if (!column) throw new RangeError(`sample codec: no field ${field}`);
    return column;
  }
}

/**
 * Reads the rows of `bytes` into `table` (a figure that did not move stays as it is there) and
 * returns their ids, ascending. Throws a RangeError on bytes `encodeSamples` did not write, or
 * written against figures `table` does not hold.
 */
export function decodeSamplesInto(bytes: Uint8Array, table: FiguresTable): number[] {
  const input = new ByteReader(bytes);
  const format = input.byte();
  if (format !== FORMAT) throw new RangeError(`sample codec: unknown format ${format}`);
  const count = input.varint();
  const ids: number[] = [];
  const slots: number[] = [];
  const hadBefore: boolean[] = [];
  let id = 0;
  for (let i = 0; i < count; i++) {
    id += input.varint();
    ids.push(id);
    hadBefore.push(table.has(id));
    slots.push(table.slotOf(id));
  }
  for (const [f, [, kind]] of FIELDS.entries()) {
    const column = table.column(f);
    const tags = ids.map(() => input.byte());
    for (let i = 0; i < count; i++) {
      const slot = slots[i] ?? 0;
      const hasBefore = hadBefore[i] === true;
      const tag = tags[i];
      if (tag === Tag.Same) {
        if (!hasBefore) throw new RangeError('sample codec: "same as before" with nothing before');
        continue;
      }
      column[slot] = readValue(tag ?? -1, input, kind, hasBefore ? column[slot] : undefined);
    }
  }
  if (!input.isAtEnd) throw new RangeError('sample codec: bytes left over');
  return ids;
}

/** The rows of `bytes` (ascending ids), figures that did not move taken from `previous`. */
export function decodeSamples(bytes: Uint8Array, previous: ReadonlyMap<number, Figures> | null): IdFigures[] {
  const table = FiguresTable.of(previous ?? new Map());
  return decodeSamplesInto(bytes, table).map((id) => {
    const figures = table.get(id);
    if (!figures) throw new RangeError(`sample codec: id ${id} was not read`);
    return { id, figures };
  });
}
