/**
 * The history writer: a `worker_threads` worker that owns the store's one connection, so a slow
 * disk or a long read never delays the host's tick. Ticks are held at most `COMMIT_EVERY_MS` and
 * committed together (a kill loses at most those seconds; measured, a commit per tick writes
 * several times the bytes: bench/history-bench.ts). A query or a status first commits what is held,
 * so it sees every tick sent before it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HistoryDb } from './history-db.ts';
import { openHistoryDb } from './history-db.ts';
import { COMMIT_EVERY_MS, type FromWriter, type HistoryWorkerOptions, type ToWriter } from './history-protocol.ts';
import type { TickRecord } from './history-recorder.ts';
import { answerHistoryQuery, readStatus } from './history-reads.ts';
import { failure } from '../../src-shared/results.ts';

const port = parentPort;
if (!port) throw new Error('history-worker.ts runs as a worker thread');
const options = workerData as HistoryWorkerOptions; // set by history-store.ts alone
const post = (message: FromWriter) => port.postMessage(message);
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

let store: HistoryDb | null = null;
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
    post({ type: 'written', count: ticks.length, error: null });
  } catch (error) {
    post({ type: 'written', count: ticks.length, error: errorText(error) });
  }
}

try {
  const opened = openHistoryDb({ dir: options.dir, maxBytes: options.maxBytes, now: Date.now });
  store = opened.db;
  post({ type: 'opened', setAside: opened.setAside });
} catch (error) {
  post({ type: 'failed', message: `the history store could not be opened in ${options.dir}: ${errorText(error)}` });
}

port.on('message', (message: ToWriter) => {
  if (message.type !== 'tick') flush();
  if (message.type === 'close') {
    store?.close();
    store = null;
    post({ type: 'closed' });
    port.close();
    return;
  }
  if (message.type === 'tick') {
    if (!store) return;
    held.push(message.tick);
    flushTimer ??= setTimeout(flush, COMMIT_EVERY_MS);
    return;
  }
  if (message.type === 'status') {
    if (store) post({ type: 'status', id: message.id, status: readStatus(store) });
    return;
  }
  if (!store) {
    post({ type: 'answer', id: message.id, answer: failure('HISTORY_OFF', 'the history store is not open') });
    return;
  }
  try {
    post({ type: 'answer', id: message.id, answer: answerHistoryQuery(store, message.query, Date.now()) });
  } catch (error) {
    post({ type: 'answer', id: message.id, answer: failure('INTERNAL', `history: ${errorText(error)}`) });
  }
});
