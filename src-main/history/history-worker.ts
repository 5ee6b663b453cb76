/**
 * The history writer: a `worker_threads` worker that owns the store's one connection, so a slow
 * disk or a long read never delays the host's tick. Ticks are held at most `COMMIT_EVERY_MS` and
 * committed together (a kill loses at most those seconds; measured, a commit per tick writes
 * several times the bytes: bench/history-bench.ts). A query or a status first commits what is held,
 * so it sees every tick sent before it.
 *
 * Only the instance holding the folder's lock writes (history-lock.ts); another opens the file
 * read-only and answers queries from what the writer commits. When the disk is full, ticks are
 * dropped until the host says `retry`, which also tries to take a lock that was held, or to open
 * a store that could not be.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { HistoryStatus } from '../../src-shared/query.ts';
import { DEFAULT_HISTORY_SETTINGS } from '../../src-shared/query.ts';
import { failure, type CommandResult } from '../../src-shared/results.ts';
import type { HistoryDb } from './history-db.ts';
import { openHistoryDb, openHistoryDbReadOnly } from './history-db.ts';
import { acquireLock, releaseLock } from './history-lock.ts';
import { COMMIT_EVERY_MS, isDiskFullError, type FromWriter, type HistoryWorkerOptions, type ToWriter } from './history-protocol.ts';
import type { TickRecord } from './history-recorder.ts';
import { answerHistoryQuery, readStatus } from './history-reads.ts';
import { readBaselineSamples } from './history-baseline-reads.ts';

const port = parentPort;
if (!port) throw new Error('history-worker.ts runs as a worker thread');
const options = workerData as HistoryWorkerOptions; // set by history-store.ts alone
const post = (message: FromWriter) => port.postMessage(message);
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** This store's id in the folder's lock. */
const instance = randomUUID();

let store: HistoryDb | null = null;
let role: 'writer' | 'reader' | null = null;
/** A write failed for want of room: ticks are dropped until the host says `retry`. */
let isDiskFull = false;
let held: TickRecord[] = [];
let flushTimer: NodeJS.Timeout | null = null;

function flush(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  if (held.length === 0 || !store) return;
  const ticks = held;
  held = [];
  try {
    store.writeAll(ticks);
    post({ type: 'written', count: ticks.length, error: null, isDiskFull: false });
  } catch (error) {
    isDiskFull = isDiskFullError(error);
    post({ type: 'written', count: ticks.length, error: errorText(error), isDiskFull });
  }
}

/** Opens the store as its writer when the folder's lock is free (or stale), else as a reader of the writer's. */
function open(): void {
  try {
    fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    const lock = acquireLock(options.dir, instance, Date.now());
    if (lock.ok) {
      const opened = openHistoryDb({ dir: options.dir, maxBytes: options.maxBytes, retention: options.retention, now: Date.now });
      store?.close();
      store = opened.db;
      // The host's flags (`serve --history-command-lines`) win over what the store kept.
      if (Object.keys(options.settings).length > 0) store.settings.set(options.settings);
      role = 'writer';
      isDiskFull = false;
      post({ type: 'opened', role: 'writer', setAside: opened.setAside });
      return;
    }
    const wasReading = role === 'reader' && store !== null;
    let readError: string | null = null;
    if (!store) {
      try {
        store = openHistoryDbReadOnly({ dir: options.dir, maxBytes: options.maxBytes, retention: options.retention, now: Date.now });
      } catch (error) {
        readError = errorText(error);
      }
    }
    // Told when this changes: a reader now, or now with a file to read.
    if (role !== 'reader' || (!wasReading && store !== null)) post({ type: 'opened', role: 'reader', holder: lock.holder, readError });
    role = 'reader';
  } catch (error) {
    // Not ours to write after all (the store could not be opened): leave the folder to another.
    releaseLock(options.dir, instance);
    post({ type: 'failed', message: `the history store could not be opened in ${options.dir}: ${errorText(error)}`, isDiskFull: isDiskFullError(error) });
  }
}

function status(): HistoryStatus {
  if (store) return readStatus(store);
  return { state: 'paused', reason: null, oldestMs: null, newestMs: null, bytes: null, dir: options.dir, notice: null, settings: DEFAULT_HISTORY_SETTINGS };
}

/** Deletes history or changes its settings: the writer only (a reader's connection is read-only). */
function control(message: Extract<ToWriter, { type: 'deleteHistory' | 'setHistorySettings' }>): CommandResult {
  if (!store) return failure('HISTORY_OFF', 'the history store is not open');
  if (role !== 'writer') return failure('HISTORY_OFF', 'another instance writes this history folder: change it there');
  try {
    if (message.type === 'deleteHistory') store.deleteHistory(message.args.scope);
    else store.settings.set(message.args);
    return { ok: true };
  } catch (error) {
    return failure('INTERNAL', `history: ${errorText(error)}`);
  }
}

open();

port.on('message', (message: ToWriter) => {
  if (message.type !== 'tick') flush();
  switch (message.type) {
    case 'close':
      store?.close();
      store = null;
      if (role === 'writer') releaseLock(options.dir, instance);
      post({ type: 'closed' });
      port.close();
      return;
    case 'tick':
      if (!store || role !== 'writer' || isDiskFull) return;
      held.push(message.tick);
      flushTimer ??= setTimeout(flush, COMMIT_EVERY_MS);
      return;
    case 'retry':
      if (role === 'writer' && store) isDiskFull = false;
      else open();
      return;
    case 'status':
      post({ type: 'status', id: message.id, status: status() });
      return;
    case 'command':
      if (!store || role !== 'writer') return;
      try {
        store.notes.recordCommand(message.atMs, message.notes);
      } catch (error) {
        // A note that could not be written does not stop recording (a failing disk shows at the next tick's write).
        post({ type: 'log', line: `history: a command could not be noted: ${errorText(error)}` });
      }
      return;
    case 'alerts':
      if (!store || role !== 'writer') return;
      try {
        store.notes.recordAlerts(message.notes);
      } catch (error) {
        post({ type: 'log', line: `history: an alert could not be noted: ${errorText(error)}` });
      }
      return;
    case 'baselineSamples':
      if (!store) {
        post({ type: 'samples', id: message.id, answer: failure(role === 'reader' ? 'NO_HISTORY' : 'HISTORY_OFF', 'the history store is not open') });
        return;
      }
      try {
        post({ type: 'samples', id: message.id, answer: { ok: true, value: readBaselineSamples(store, message.query) } });
      } catch (error) {
        post({ type: 'samples', id: message.id, answer: failure('INTERNAL', `history: ${errorText(error)}`) });
      }
      return;
    case 'deleteHistory':
    case 'setHistorySettings':
      post({ type: 'done', id: message.id, result: control(message) });
      return;
    case 'query':
      if (!store) {
        post({ type: 'answer', id: message.id, answer: failure(role === 'reader' ? 'NO_HISTORY' : 'HISTORY_OFF', 'the history store is not open') });
        return;
      }
      try {
        post({ type: 'answer', id: message.id, answer: answerHistoryQuery(store, message.query, Date.now()) });
      } catch (error) {
        post({ type: 'answer', id: message.id, answer: failure('INTERNAL', `history: ${errorText(error)}`) });
      }
      return;
  }
});
