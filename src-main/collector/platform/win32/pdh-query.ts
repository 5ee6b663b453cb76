/**
 * One long-lived PDH query holding every counter the sampler reads (added once by their English
 * names, so a localised Windows works too), collected once per tick. Rate counters (`% Idle Time`,
 * `Utilization Percentage`) are valid from the second collection on: PDH computes them over the time
 * between the last two collections, which is the sampling interval.
 */
import { parseFormattedCounterArray, parseRawCounterArray, type CounterValue } from './pdh-parse.ts';
import type { Handle, Win32Api } from './win32-api.ts';

/** PDH_FMT_DOUBLE | PDH_FMT_NOCAP100: sums of engines and queue-length counters may pass 100. */
const FORMAT_DOUBLE_NOCAP = 0x0000_0200 | 0x0000_8000;
const PDH_MORE_DATA = 0x8000_07d2;
/** No instance exists (no GPU process right now, a machine without a disk counter). */
const PDH_NO_DATA = 0x8000_07d5;
const MAX_READ_ATTEMPTS = 4;

export interface CounterSpec {
  /** `\Object(instance)\Counter`, English. */
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

export class PdhCounters<K extends string> {
  private query: Handle | null;
  private readonly counters = new Map<K, { handle: Handle; kind: CounterSpec['kind'] }>();
  private buffer = Buffer.alloc(64 * 1024);
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
      if (added.counter) this.counters.set(key, { handle: added.counter, kind: spec.kind });
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

  /** The counter's instances as of the last collection, or null when it is missing or the read failed. */
  read(key: K): CounterReading | null {
    const counter = this.counters.get(key);
    if (!counter) return null;
    const get = (bufferBytes: [number], itemCount: [number], buffer: Buffer | null) =>
      counter.kind === 'raw'
        ? this.api.pdhGetRawCounterArray(counter.handle, bufferBytes, itemCount, buffer)
        : this.api.pdhGetFormattedCounterArray(counter.handle, FORMAT_DOUBLE_NOCAP, bufferBytes, itemCount, buffer);
    for (let attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
      const bufferBytes: [number] = [this.buffer.length];
      const itemCount: [number] = [0];
      const status = get(bufferBytes, itemCount, this.buffer);
      if (status === PDH_NO_DATA) return { values: [], itemCount: 0 };
      if (status === PDH_MORE_DATA) {
        // Instances can appear between the size query and the read: grow past what was asked.
        this.buffer = Buffer.alloc(Math.max(bufferBytes[0] + (bufferBytes[0] >> 2), this.buffer.length * 2));
        continue;
      }
      if (status !== 0) return null;
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
