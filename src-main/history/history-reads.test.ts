/**
 * `processesAt` of a process that was not sampled at the moment asked: the store keeps the 1 s
 * samples of the active processes only (history-recorder.ts `isActiveRow`), so a row rebuilt from
 * an earlier sample had every moving figure at 0 then, network included; what does not move
 * (memory) is as sampled, and unknown stays unknown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { openHistoryDb } from './history-db.ts';
import { readProcessesAt } from './history-reads.ts';
import { HistoryRecorder } from './history-recorder.ts';

const START_MS = 1_699_999_200_000; // a whole minute
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-reads-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('a process idle at the moment reads 0 CPU, disk, network and GPU from its earlier sample; memory as sampled; unknown stays null', () => {
  const store = openHistoryDb({ dir, now: () => START_MS + 2_000 }).db;
  const recorder = new HistoryRecorder();
  const busy = processRow({ pid: 10, cpuPercent: 3, memoryBytes: 5_000, ioReadBytesPerSec: 100, netRxBytesPerSec: 2_000, netTxBytesPerSec: 300, gpuPercent: 4, gpuMemoryBytes: 64 });
  const quiet = { ...busy, cpuPercent: 0, ioReadBytesPerSec: 0, netRxBytesPerSec: 0, netTxBytesPerSec: 0, gpuPercent: 0 };
  const unknownNet = processRow({ pid: 11, cpuPercent: 1, memoryBytes: 7_000 });
  for (const [t, rows] of [
    [START_MS, [busy, unknownNet]],
    [START_MS + 1_000, [quiet, { ...unknownNet, cpuPercent: 0 }]],
  ] as const) {
    const record = recorder.record(snapshot({ takenAtMs: t, processes: [...rows], apps: [] }));
    if (record) store.write(record);
  }
  const answer = readProcessesAt(store, { kind: 'processesAt', atMs: START_MS + 1_000 }, START_MS + 2_000);
  if (!answer.ok) throw new Error(answer.message);
  expect(answer.value.processes.find((p) => p.pid === 10)).toMatchObject({
    cpuPercent: 0,
    ioReadBytesPerSec: 0,
    netRxBytesPerSec: 0,
    netTxBytesPerSec: 0,
    gpuPercent: 0,
    memoryBytes: 5_000,
    gpuMemoryBytes: 64,
  });
  expect(answer.value.processes.find((p) => p.pid === 11)).toMatchObject({ cpuPercent: 0, netRxBytesPerSec: null, ioReadBytesPerSec: null, memoryBytes: 7_000 });
  store.close();
});
