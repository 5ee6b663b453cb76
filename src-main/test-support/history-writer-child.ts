/**
 * Test support: a process that records history as a host would (HistoryStore, its writer thread)
 * for the crash test: a synthetic 100-process tick every 100 ms at the real clock, printing
 * `recorded <takenAtMs>` once the writer has reported the tick written, until it is killed.
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
  // What the writer holds: printed after it says so, so the test knows what must survive.
  void store.status().then((status) => process.stdout.write(`recorded ${status.newestMs ?? 0}\n`));
}, 100);
timer.ref();
