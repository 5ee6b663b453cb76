/**
 * Test support: a process that records history as a host would (HistoryStore, its writer thread)
 * for the crash test: a synthetic 100-process tick every 250 ms (the fastest sampling) at the real
 * clock, printing `sent <takenAtMs>` as each is handed to the writer, until it is killed. It never
 * asks the store anything, so the writer commits only on its own schedule.
 * Usage: node history-writer-child.ts DIR
 */
import { HistoryStore } from '../history/history-store.ts';
import { syntheticMachine } from '../history/history-synthetic.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: history-writer-child.ts DIR');
const store = new HistoryStore({ dir });
const machine = syntheticMachine(Date.now(), 100);
let tick = 0;
const timer = setInterval(() => {
  const snap = { ...machine.snapshotAt(tick), takenAtMs: Date.now() };
  store.record(snap);
  tick += 1;
  process.stdout.write(`sent ${snap.takenAtMs}\n`);
}, 250);
timer.ref();
