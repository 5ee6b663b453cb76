/**
 * How the store's values are kept in their columns: each deflated (node:zlib, on the writer's
 * thread). A system point and a minute's apps are JSON (their lists are the machine's; the
 * roll-ups work on the same shape); a tick's process samples are sample-codec.ts's columns. Every
 * reader of a column goes through here, so the format has one place.
 *
 * A point is deflated with its shape as the dictionary (`pointShape`: the same JSON with every
 * figure 0, stored once per shape by history-db.ts): the names of its fields then cost a few
 * bytes, not 280 of the 400 a point took alone (500-process bench, 16 logical CPUs).
 */
import zlib from 'node:zlib';
import type { SystemPoint } from '../../src-shared/query.ts';
import type { App } from '../../src-shared/snapshot.ts';
import { encodeSamples, type Figures, type IdFigures } from './sample-codec.ts';

/**
 * A 4 KiB window and a small state: a value is at most a few KiB, and zlib's default state
 * (256 KiB set up for each value) made deflating 6 times slower for the same bytes (measured on the
 * bench's ticks: 37 µs against 226 µs a tick's samples, 242 bytes either way).
 */
const DEFLATE = { level: 6, windowBits: 12, memLevel: 6 } as const;

function deflate(bytes: Uint8Array, dictionary?: Uint8Array): Uint8Array {
  return zlib.deflateRawSync(bytes, dictionary ? { ...DEFLATE, dictionary } : DEFLATE);
}

/** Inflating with the same small window as deflating: half the time of the default's (3,600 points: 64 ms against 110 to 165). */
const INFLATE = { windowBits: DEFLATE.windowBits } as const;

function inflate(value: unknown, what: string, dictionary?: Uint8Array): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`history: ${what} is not a blob`);
  return zlib.inflateRawSync(value, dictionary ? { ...INFLATE, dictionary } : INFLATE);
}

const json = (value: unknown) => deflate(Buffer.from(JSON.stringify(value), 'utf8'));
const parsed = (value: unknown, what: string): unknown => JSON.parse(Buffer.from(inflate(value, what)).toString('utf8'));

/** `point` with every number and null 0: what points of one machine have in common, as text. */
export function pointShape(point: SystemPoint): string {
  return JSON.stringify(point, (_key, value: unknown) => (typeof value === 'number' || value === null ? 0 : value));
}

/**
 * `point` as stored: deflated against `shape` (its `pointShape`, or any other: it only needs to be
 * the same to read it), or with no shape its JSON text (the 1 min and 1 h tiers: written once a
 * minute, read a thousand at a time, where inflating with a dictionary took 35 µs a point and
 * parsing 5).
 */
export function pointBlob(point: SystemPoint, shape: Uint8Array | null): Uint8Array | string {
  const text = JSON.stringify(point);
  return shape === null ? text : deflate(Buffer.from(text, 'utf8'), shape);
}

/** A point as written by `pointBlob` with the same `shape` (the store's own rows: not outside input). */
export function pointOf(value: unknown, shape: Uint8Array | null): SystemPoint {
  const text = typeof value === 'string' ? value : Buffer.from(inflate(value, 'a system point', shape ?? undefined)).toString('utf8');
  return JSON.parse(text) as SystemPoint;
}

export function appsBlob(apps: readonly App[]): Uint8Array {
  return json(apps);
}

/** A minute's apps as written by `appsBlob`. */
export function appsOf(value: unknown): App[] {
  return parsed(value, "a minute's apps") as App[];
}

export function samplesBlob(rows: readonly IdFigures[], previous: ReadonlyMap<number, Figures> | null): Uint8Array {
  return deflate(encodeSamples(rows, previous));
}

/** The bytes of a `samplesBlob` (to read with sample-codec.ts `decodeSamplesInto`). */
export function sampleBytes(value: unknown): Uint8Array {
  return inflate(value, "a tick's samples");
}
