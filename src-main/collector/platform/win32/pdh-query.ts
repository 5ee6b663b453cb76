/**
 * One long-lived PDH query holding every counter the sampler reads (added once by their English
 * names, so a localised Windows works too), collected once per tick. Rate counters (`% Idle Time`,
 * `Utilization Percentage`) are valid from the second collection on: PDH computes them over the time
 * between the last two collections, which is the sampling interval.
 *
 * Reading a counter's instances follows the protocol Microsoft documents for
 * PdhGetFormattedCounterArrayW / PdhGetRawCounterArrayW: a first call with a size of 0 and no buffer
 * answers PDH_MORE_DATA and the size needed, the second call fills a buffer that large. A non-zero but
 * too small size must not be tried: the size it answers is not reliable, and some releases answer
 * PDH_INVALID_ARGUMENT instead (a desktop's `\GPU Engine(*)` list is well past 64 KiB).
 */
import { parseFormattedCounterArray, parseRawCounterArray, type CounterValue } from './pdh-parse.ts';
import type { Handle, Win32Api } from './win32-api.ts';

/** PDH_FMT_DOUBLE | PDH_FMT_NOCAP100: sums of engines and queue-length counters may pass 100. */
const FORMAT_DOUBLE_NOCAP = 0x0000_0200 | 0x0000_8000;
export const PDH_MORE_DATA = 0x8000_07d2;
/** PDH_CSTATUS_NO_INSTANCE: "the specified instance is not present". */
export const PDH_CSTATUS_NO_INSTANCE = 0x8000_07d1;
/** PDH_NO_DATA: "no data to return". */
export const PDH_NO_DATA = 0x8000_07d5;
/** What some releases answer to a non-zero size that is too small (and to other bad arguments). */
export const PDH_INVALID_ARGUMENT = 0xc000_0bbd;
/**
 * Size query + read, again from a size query when the read still says the buffer is short. The data
 * only changes at the next PdhCollectQueryData (PDH locks it during each call), so one pair is the
 * rule and the rest a bound against a misbehaving PDH.
 */
const MAX_READ_ATTEMPTS = 3;

export interface CounterSpec {
  /** `\Object(instance)\Counter`, English; `(*)` asks for every instance. */
  path: string;
  /** `formatted`: the value PDH computes (rates, percentages); `raw`: FirstValue (cumulative counts). */
  kind: 'formatted' | 'raw';
}

export interface CounterReading {
  /** The items with valid data. */
  values: CounterValue[];
  /** How many items PDH listed, valid or not. */
  itemCount: number;
}

const NO_INSTANCES: CounterReading = { values: [], itemCount: 0 };

/**
 * What a status other than success means for a counter's array. For a wildcard path, PDH_NO_DATA and
 * PDH_CSTATUS_NO_INSTANCE say that no instance exists right now (no process uses the GPU, the last
 * instance just went): an empty list, a real answer. For a path naming one instance the same statuses
 * say its value is missing: unknown (null). Anything else is a failed read: null.
 */
export function readingOfStatus(status: number, isWildcard: boolean): CounterReading | null {
  const code = status >>> 0;
  if (isWildcard && (code === PDH_NO_DATA || code === PDH_CSTATUS_NO_INSTANCE)) return NO_INSTANCES;
  return null;
}

export class PdhCounters<K extends string> {
  private query: Handle | null;
  private readonly counters = new Map<K, { handle: Handle; kind: CounterSpec['kind']; isWildcard: boolean }>();
  /** Kept between reads and ticks, grown to the size each read's size query asks for (never shrunk). */
  private buffer = Buffer.alloc(0);
  private readonly api: Win32Api;
  /** Counters that could not be added (the object does not exist here: no GPU, an old build), for diagnostics. */
  readonly missing: K[] = [];

  constructor(api: Win32Api, specs: Record<K, CounterSpec>) {
    this.api = api;
    const opened = api.pdhOpenQuery();
    this.query = opened.query;
    for (const key of Object.keys(specs) as K[]) {
      const spec = specs[key];
      const added = this.query ? api.pdhAddEnglishCounter(this.query, spec.path) : { status: 1, counter: null };
      if (added.counter) this.counters.set(key, { handle: added.counter, kind: spec.kind, isWildcard: spec.path.includes('(*)') });
      else this.missing.push(key);
    }
  }

  has(key: K): boolean {
    return this.counters.has(key);
  }

  /** One collection of every counter; false when the query is gone or the collection failed. */
  collect(): boolean {
    return this.query !== null && this.api.pdhCollectQueryData(this.query) === 0;
  }

  /**
   * The counter's instances as of the last collection: an empty list when a wildcard counter has no
   * instance now; null when the counter is missing or the read failed.
   */
  read(key: K): CounterReading | null {
    const counter = this.counters.get(key);
    if (!counter) return null;
    const get = (bufferBytes: [number], itemCount: [number], buffer: Buffer | null) =>
      counter.kind === 'raw'
        ? this.api.pdhGetRawCounterArray(counter.handle, bufferBytes, itemCount, buffer)
        : this.api.pdhGetFormattedCounterArray(counter.handle, FORMAT_DOUBLE_NOCAP, bufferBytes, itemCount, buffer);
    for (let attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
      // 1. The size: 0 bytes and no buffer, as documented.
      const neededBytes: [number] = [0];
      const sizedCount: [number] = [0];
      const sized = get(neededBytes, sizedCount, null) >>> 0;
      // Success or a size of 0 here: nothing to copy, so no items (a wildcard with no instance now).
      if (sized === 0 || (sized === PDH_MORE_DATA && neededBytes[0] === 0)) return counter.isWildcard ? NO_INSTANCES : null;
      if (sized !== PDH_MORE_DATA) return readingOfStatus(sized, counter.isWildcard);
      // An eighth more, so that a few more instances next tick don't mean a new buffer each time.
      if (this.buffer.length < neededBytes[0]) this.buffer = Buffer.alloc(neededBytes[0] + (neededBytes[0] >> 3));
      // 2. The data, into a buffer at least that large (PDH answers the size it used).
      const bufferBytes: [number] = [this.buffer.length];
      const itemCount: [number] = [0];
      const status = get(bufferBytes, itemCount, this.buffer) >>> 0;
      if (status === PDH_MORE_DATA || status === PDH_INVALID_ARGUMENT) continue; // ask for the size again
      if (status !== 0) return readingOfStatus(status, counter.isWildcard);
      // The names follow the items inside the buffer: the whole buffer bounds every pointer.
      const base = this.api.addressOf(this.buffer);
      const parse = counter.kind === 'raw' ? parseRawCounterArray : parseFormattedCounterArray;
      const values = parse(this.buffer, base, this.buffer.length, itemCount[0]);
      return { values, itemCount: itemCount[0] };
    }
    return null;
  }

  close(): void {
    if (this.query) this.api.pdhCloseQuery(this.query);
    this.query = null;
    this.counters.clear();
  }
}

/** Values by instance name; null when the reading is unknown or none of its items is valid yet (a rate's first collection). */
export function valuesByInstance(reading: CounterReading | null): Map<string, number> | null {
  if (!reading || (reading.itemCount > 0 && reading.values.length === 0)) return null;
  return new Map(reading.values.map((v) => [v.name, v.value]));
}
