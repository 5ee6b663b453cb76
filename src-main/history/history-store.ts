/**
 * The history store as the hosts see it: `record(snapshot)` on every tick (never waits, never
 * throws), and the `HistorySource` (history-source.ts) that answers the three history queries. The store itself runs in a worker (history-worker.ts): a
 * slow disk or a failed store never delays or stops sampling; it pauses recording, and
 * `status()` says why.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_HISTORY_SETTINGS, type AnyQueryResult, type HistorySettings, type HistoryStatus } from '../../src-shared/query.ts';
import { failure, type Failure } from '../../src-shared/results.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { loadWindowsSecurityApi } from '../core/windows-security-api.ts';
import { secureHistoryFolder, type SecureFolderDeps } from './history-acl.ts';
import type { CommandArgs, CommandName, CommandResult } from '../../src-shared/commands.ts';
import type { HistoryControl } from '../control/command-handlers.ts';
import { commandNotes, type AlertNote } from './history-events.ts';
import type { BaselineSample, BaselineSampleQuery } from './history-baseline-reads.ts';
import { DEFAULT_MAX_BYTES } from './history-db.ts';
import { DEFAULT_RETENTION, type HistoryRetention } from './history-rollup.ts';
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

/** How often recording is tried again after the disk was full, and a reader tries to become the writer, ms. */
export const HISTORY_RETRY_MS = 30_000;

export interface HistoryStoreOptions {
  dir: string;
  maxBytes?: number;
  log?: (line: string) => void;
  /**
   * Settings to start with, over what the store kept (`serve --history-command-lines`); what is
   * left out stays as the store has it (DEFAULT_HISTORY_SETTINGS in a new store).
   */
  settings?: Partial<HistorySettings>;
  /** Windows: how the folder gets the user's own access list (history-acl.ts); tests pass fakes. */
  folderSecurity?: SecureFolderDeps;
  /** `HISTORY_RETRY_MS` unless a test says sooner. */
  retryMs?: number;
  /** How long each kind is kept (`serve --history-keep`; DEFAULT_RETENTION), checked with `retentionProblem` by the caller. */
  retention?: HistoryRetention;
}


/**
 * Also tells its status to whoever listens (`onStatus`: the hosts broadcast it as `historyStatus`)
 * each time it changes: recording, paused (the disk is full: tried again every `retryMs` and
 * resumed by itself when a write succeeds; or the store failed for good), read-only (another
 * instance writes to the folder: this one reads its file, and takes over when it leaves). A file
 * set aside when the store opened is the status's `notice` until this process ends: every page
 * that connects is told, and may dismiss it.
 */
export class HistoryStore implements HistorySource, HistoryControl {
  private readonly worker: Worker;
  private readonly recorder = new HistoryRecorder();
  private readonly pending = new Map<number, (message: FromWriter) => void>();
  private readonly listeners = new Set<(status: HistoryStatus) => void>();
  private readonly log: (line: string) => void;
  private readonly dir: string;
  private readonly retryMs: number;
  private nextId = 1;
  private inFlight = 0;
  private droppedTicks = 0;
  /** Why the store stopped for good (its writer failed): nothing is sent to it any more. */
  private failedReason: string | null = null;
  /** Why recording waits for room on the disk; tried again every `retryMs`. */
  private fullReason: string | null = null;
  /** Ticks are sent again to see whether the disk has room (after `fullReason`). */
  private isTryingAgain = false;
  /** Another instance writes: this one reads; why, in words. Null while writing. */
  private readerReason: string | null = null;
  private notice: string | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed: Promise<void> | null = null;

  constructor(options: HistoryStoreOptions) {
    this.dir = options.dir;
    this.log = options.log ?? (() => {});
    this.retryMs = options.retryMs ?? HISTORY_RETRY_MS;
    // Before the writer creates anything in it: the store's files inherit the folder's access list.
    const secured = secureHistoryFolder(options.dir, options.folderSecurity ?? { platform: process.platform, api: () => loadWindowsSecurityApi(process.platform) });
    if (secured.kind === 'failed' || secured.kind === 'left') this.log(`history: the folder keeps the access list it had: ${secured.reason}`);
    const workerOptions: HistoryWorkerOptions = { dir: options.dir, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, settings: options.settings ?? {}, retention: options.retention ?? DEFAULT_RETENTION };
    this.worker = new Worker(HISTORY_WORKER_ENTRY, { workerData: workerOptions });
    // The host may exit with the writer still running: it holds no promise of ours then.
    this.worker.unref();
    this.worker.on('message', (message: FromWriter) => this.onMessage(message));
    this.worker.on('error', (error) => this.fail(`the history writer failed: ${error.message}`));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(`the history writer stopped (exit code ${code})`);
    });
  }

  /** Sends what is recorded of `snapshot` to the writer; drops it while not writing or while the writer is behind. */
  record(snapshot: Snapshot): void {
    if (this.failedReason !== null || this.readerReason !== null || this.closed) return;
    if (this.fullReason !== null && !this.isTryingAgain) return;
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

  /** Notes a command a user ran (what, on which processes, the result) among history's events; never waits. */
  recordCommand(name: CommandName, args: unknown, result: CommandResult, atMs = Date.now()): void {
    if (this.failedReason !== null || this.readerReason !== null || this.closed) return;
    const notes = commandNotes(name, args, result);
    if (notes.length > 0) this.send({ type: 'command', atMs, notes });
  }

  /** Notes what the rules did among history's events (alert-service.ts); never waits. */
  recordAlerts(notes: readonly AlertNote[]): void {
    if (this.failedReason !== null || this.readerReason !== null || this.closed || notes.length === 0) return;
    this.send({ type: 'alerts', notes });
  }

  /** The minute samples of an anomaly rule's baseline (history-baseline-reads.ts); HISTORY_OFF when the store is not working. */
  async readBaselineSamples(query: BaselineSampleQuery): Promise<{ ok: true; value: BaselineSample[] } | Failure> {
    if (this.failedReason !== null) return failure('HISTORY_OFF', this.failedReason);
    const message = await this.request((id) => ({ type: 'baselineSamples', id, query }));
    if (message?.type === 'samples') return message.answer;
    return failure('HISTORY_OFF', this.failedReason ?? 'the history store is closed');
  }

  deleteHistory(args: CommandArgs<'deleteHistory'>): Promise<CommandResult> {
    // The next tick names every process again: the writer forgot the identities it deleted.
    if (args.scope === 'everything') this.recorder.reset();
    return this.control((id) => ({ type: 'deleteHistory', id, args }));
  }

  setHistorySettings(args: CommandArgs<'setHistorySettings'>): Promise<CommandResult> {
    return this.control((id) => ({ type: 'setHistorySettings', id, args }));
  }

  /** Deletes or changes settings in the writer; a success is told to the status's listeners (the settings, the size). */
  private async control(build: (id: number) => ToWriter): Promise<CommandResult> {
    if (this.failedReason !== null) return failure('HISTORY_OFF', this.failedReason);
    const message = await this.request(build);
    if (message?.type !== 'done') return failure('HISTORY_OFF', this.failedReason ?? 'the history store is closed');
    if (message.result.ok) this.changed();
    return message.result;
  }

  read(query: HistoryReadQuery): Promise<AnyQueryResult> {
    return this.ask(query);
  }

  async status(): Promise<HistoryStatus> {
    const off: HistoryStatus = { state: 'paused', reason: this.failedReason, oldestMs: null, newestMs: null, bytes: null, dir: this.dir, notice: this.notice, settings: DEFAULT_HISTORY_SETTINGS };
    if (this.failedReason !== null || this.closed) return { ...off, reason: this.failedReason ?? 'the history store is closed' };
    const message = await this.request((id) => ({ type: 'status', id }));
    if (message?.type !== 'status') return { ...off, reason: this.failedReason ?? 'the history writer did not answer' };
    const held = { ...message.status, dir: this.dir, notice: this.notice };
    if (this.readerReason !== null) return { ...held, state: 'readOnly', reason: this.readerReason };
    if (this.fullReason !== null) return { ...held, state: 'paused', reason: this.fullReason };
    const reason = this.droppedTicks > 0 ? `${this.droppedTicks} ticks were not recorded: the disk was too slow` : null;
    return { ...held, state: 'recording', reason };
  }

  /** `listener` is told the status each time it changes (not the current one: ask `status()`). */
  onStatus(listener: (status: HistoryStatus) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Stops the writer after what it was sent is written. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.stopRetrying();
      // What it was sent is written before the process may end.
      this.worker.ref();
      this.worker.once('exit', () => resolve());
      this.send({ type: 'close' });
      for (const settle of this.pending.values()) settle({ type: 'failed', message: 'the history store is closed', isDiskFull: false });
      this.pending.clear();
    });
    return this.closed;
  }

  private async ask(query: HistoryReadQuery): Promise<AnyQueryResult> {
    if (this.failedReason !== null) return failure('HISTORY_OFF', this.failedReason);
    const message = await this.request((id) => ({ type: 'query', id, query }));
    if (message?.type === 'answer') return message.answer;
    return failure('HISTORY_OFF', this.failedReason ?? 'the history store is closed');
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
      this.fail(`the history writer could not be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private onMessage(message: FromWriter): void {
    switch (message.type) {
      case 'opened':
        this.onOpened(message);
        return;
      case 'written':
        this.inFlight = Math.max(0, this.inFlight - message.count);
        if (message.error === null) {
          if (this.fullReason !== null && this.isTryingAgain) {
            this.fullReason = null;
            this.isTryingAgain = false;
            this.stopRetrying();
            this.log('history: recording again (the disk has room)');
            this.changed();
          }
        } else if (message.isDiskFull) {
          this.pauseForRoom(message.error);
        } else {
          this.fail(`the history store could not write: ${message.error}`);
        }
        return;
      case 'failed':
        if (message.isDiskFull) this.pauseForRoom(message.message);
        else this.fail(message.message);
        return;
      case 'log':
        this.log(message.line);
        return;
      case 'answer':
      case 'done':
      case 'samples':
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

  private onOpened(message: Extract<FromWriter, { type: 'opened' }>): void {
    if (message.role === 'writer') {
      const wasReading = this.readerReason !== null;
      const wasPaused = this.fullReason !== null;
      this.readerReason = null;
      this.fullReason = null;
      this.isTryingAgain = false;
      this.stopRetrying();
      // The writer starts from what its file holds: the next tick names every process.
      this.recorder.reset();
      if (message.setAside) {
        const name = path.basename(message.setAside.file);
        this.notice =
          message.setAside.why === 'older'
            ? `The history file was from an earlier version of the app: it was kept aside as ${name} and a new one started.`
            : `The history file was damaged: it was kept aside as ${name} and a new one started.`;
        this.log(`history: ${this.notice}`);
      }
      if (wasReading) this.log('history: the other instance left; recording here now');
      if (wasReading || wasPaused || message.setAside) this.changed();
      return;
    }
    const holder = message.holder;
    const who = holder === null ? 'another instance is taking it' : `another instance records it (pid ${holder.pid}, since ${new Date(holder.sinceMs).toISOString()})`;
    this.readerReason =
      message.readError === null
        ? `${who}: this one shows what that one records`
        : `${who}: this one would show what that one records, but can't read it yet (${message.readError})`;
    this.log(`history: not recording in ${this.dir}: ${this.readerReason}`);
    this.startRetrying();
    this.changed();
  }

  /** Recording waits for room; the writer is asked to try again every `retryMs`, and ticks sent again then. */
  private pauseForRoom(error: string): void {
    const isNew = this.fullReason === null;
    this.fullReason = `the disk is full: ${error}; recording resumes by itself when there is room`;
    this.isTryingAgain = false;
    // The writer drops what it is sent until it is told to retry, and says nothing of those.
    this.inFlight = 0;
    if (isNew) {
      this.log(`history: recording paused (${this.fullReason})`);
      this.changed();
    }
    this.startRetrying();
  }

  private startRetrying(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setInterval(() => {
      if (this.fullReason !== null) {
        // The first tick after the pause names every process (the writer dropped some).
        this.recorder.reset();
        this.isTryingAgain = true;
      }
      this.send({ type: 'retry' });
    }, this.retryMs);
    // Retrying never keeps a host alive.
    this.retryTimer.unref();
  }

  private stopRetrying(): void {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
  }

  /** Tells the listeners the status now (asked of the writer, so it holds what the writer holds). */
  private changed(): void {
    if (this.listeners.size === 0) return;
    void this.status().then((status) => {
      for (const listener of this.listeners) listener(status);
    });
  }

  private fail(reason: string): void {
    if (this.failedReason !== null) return;
    this.failedReason = reason;
    this.stopRetrying();
    this.log(`history: recording stopped (${reason})`);
    for (const settle of this.pending.values()) settle({ type: 'failed', message: reason, isDiskFull: false });
    this.pending.clear();
    this.changed();
  }
}
