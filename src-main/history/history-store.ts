/**
 * The history store as the hosts see it: `record(snapshot)` on every tick (never waits, never
 * throws), and the `HistorySource` (history-source.ts) that answers the three history queries. The store itself runs in a worker (history-worker.ts): a
 * slow disk or a failed store never delays or stops sampling; it pauses recording, and
 * `status()` says why.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_HISTORY_SETTINGS, type AnyQueryResult, type HistoryStatus } from '../../src-shared/query.ts';
import { failure } from '../../src-shared/results.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { DEFAULT_MAX_BYTES } from './history-db.ts';
import type { FromWriter, HistoryWorkerOptions, ToWriter } from './history-protocol.ts';
import { HistoryRecorder } from './history-recorder.ts';
import type { HistoryReadQuery, HistorySource } from './history-source.ts';

export type { HistorySource };

/** The writer's entry: the sources' .ts, or from a bundle (dist/host, dist/main) dist/history/history-worker.js. */
export const HISTORY_WORKER_ENTRY = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'history',
  import.meta.url.endsWith('.ts') ? 'history-worker.ts' : 'history-worker.js',
);

/** Ticks sent and not yet written past which new ones are dropped (a stalled disk must not grow memory): the writer holds up to `COMMIT_EVERY_MS` (history-protocol.ts) of ticks, 16 at 250 ms sampling. */
export const MAX_TICKS_IN_FLIGHT = 40;

export interface HistoryStoreOptions {
  dir: string;
  maxBytes?: number;
  log?: (line: string) => void;
}

export class HistoryStore implements HistorySource {
  private readonly worker: Worker;
  private readonly recorder = new HistoryRecorder();
  private readonly pending = new Map<number, (message: FromWriter) => void>();
  private readonly log: (line: string) => void;
  private readonly dir: string;
  private nextId = 1;
  private inFlight = 0;
  private droppedTicks = 0;
  private pausedReason: string | null = null;
  private closed: Promise<void> | null = null;

  constructor(options: HistoryStoreOptions) {
    this.dir = options.dir;
    this.log = options.log ?? (() => {});
    const workerOptions: HistoryWorkerOptions = { dir: options.dir, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES };
    this.worker = new Worker(HISTORY_WORKER_ENTRY, { workerData: workerOptions });
    // The host may exit with the writer still running: it holds no promise of ours then.
    this.worker.unref();
    this.worker.on('message', (message: FromWriter) => this.onMessage(message));
    this.worker.on('error', (error) => this.pause(`the history writer failed: ${error.message}`));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.pause(`the history writer stopped (exit code ${code})`);
    });
  }

  /** Sends what is recorded of `snapshot` to the writer; drops it while paused or while the writer is behind. */
  record(snapshot: Snapshot): void {
    if (this.pausedReason !== null || this.closed) return;
    if (this.inFlight >= MAX_TICKS_IN_FLIGHT) {
      // The next tick that goes through must name every process again: the writer missed some.
      this.droppedTicks += 1;
      this.recorder.reset();
      return;
    }
    const tick = this.recorder.record(snapshot);
    if (!tick) return;
    this.inFlight += 1;
    this.send({ type: 'tick', tick });
  }

  read(query: HistoryReadQuery): Promise<AnyQueryResult> {
    return this.ask(query);
  }

  async status(): Promise<HistoryStatus> {
    const off: HistoryStatus = { state: 'paused', reason: this.pausedReason, oldestMs: null, newestMs: null, bytes: null, dir: this.dir, notice: null, settings: DEFAULT_HISTORY_SETTINGS };
    if (this.pausedReason !== null || this.closed) return { ...off, reason: this.pausedReason ?? 'the history store is closed' };
    const message = await this.request((id) => ({ type: 'status', id }));
    if (message?.type !== 'status') return { ...off, reason: this.pausedReason ?? 'the history writer did not answer' };
    const reason = this.droppedTicks > 0 ? `${this.droppedTicks} ticks were not recorded: the disk was too slow` : null;
    return { ...message.status, reason, dir: this.dir };
  }

  /** Stops the writer after what it was sent is written. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.send({ type: 'close' });
      for (const settle of this.pending.values()) settle({ type: 'failed', message: 'the history store is closed' });
      this.pending.clear();
    });
    return this.closed;
  }

  private async ask(query: HistoryReadQuery): Promise<AnyQueryResult> {
    if (this.pausedReason !== null) return failure('HISTORY_OFF', this.pausedReason);
    const message = await this.request((id) => ({ type: 'query', id, query }));
    if (message?.type === 'answer') return message.answer;
    return failure('HISTORY_OFF', this.pausedReason ?? 'the history store is closed');
  }

  private request(build: (id: number) => ToWriter): Promise<FromWriter | null> {
    if (this.closed) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send(build(id));
    });
  }

  private send(message: ToWriter): void {
    try {
      this.worker.postMessage(message);
    } catch (error) {
      this.pause(`the history writer could not be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private onMessage(message: FromWriter): void {
    switch (message.type) {
      case 'opened':
        if (message.setAside) this.log(`history: the store was ${message.setAside.why}; kept aside as ${message.setAside.file}, a new one started`);
        return;
      case 'written':
        this.inFlight = Math.max(0, this.inFlight - message.count);
        if (message.error !== null) this.pause(`the history store could not write: ${message.error}`);
        return;
      case 'failed':
        this.pause(message.message);
        return;
      case 'answer':
      case 'status': {
        const settle = this.pending.get(message.id);
        this.pending.delete(message.id);
        settle?.(message);
        return;
      }
      case 'closed':
        return;
    }
  }

  private pause(reason: string): void {
    if (this.pausedReason !== null) return;
    this.pausedReason = reason;
    this.log(`history: recording paused (${reason})`);
    for (const settle of this.pending.values()) settle({ type: 'failed', message: reason });
    this.pending.clear();
  }
}
