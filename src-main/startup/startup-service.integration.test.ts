/**
 * Startup impact against the real history store (a writer thread on a temporary folder): four
 * minutes of 1 s snapshots in which a startup program runs for 11 s just after a login, read
 * back through the service as the page reads it. The figure is what the snapshots say it used,
 * worked out by hand below; a login before recording began is "Not measured", with the reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcessRow } from '../../src-shared/snapshot.ts';
import { cpuFigures, processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { MINUTE_MS } from '../history/history-rollup.ts';
import { HistoryStore } from '../history/history-store.ts';
import type { SessionsPlatform } from '../users/sessions-platform.ts';
import type { StartupFacts, StartupPlatform } from './startup-platform.ts';
import { createStartupService } from './startup-service.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'startup-impact-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const CORES = 2;
// The writer prunes by the real clock: the run is the recent past, and over before "now".
const START_MS = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 6 * MINUTE_MS;
const LOGIN_MS = START_MS + 80_000; // 20 s into the second minute: read as minutes 1 and 2
const TICKS = 240;

/** The processes at tick `i` (1 s apart from START_MS): init always; foo from login + 5 s for 11 s; bar in the first minute only. */
function processesAt(i: number): ProcessRow[] {
  const t = START_MS + i * 1_000;
  const rows = [processRow({ pid: 1, name: 'init', exePath: '/sbin/init', startTimeMs: START_MS - MINUTE_MS, cpuPercent: 1, ioReadBytesPerSec: 0, ioWriteBytesPerSec: 0 })];
  const fooStartMs = LOGIN_MS + 5_000;
  if (t >= fooStartMs && t <= fooStartMs + 10_000) {
    const isFirst = t === fooStartMs;
    // 25 % of a 2-CPU machine for 1 s = 500 ms of CPU a tick after the first (a first sample has no rate: 0).
    rows.push(processRow({ pid: 500, name: 'foo', exePath: '/usr/bin/foo', startTimeMs: fooStartMs, cpuPercent: isFirst ? null : 25, ioReadBytesPerSec: isFirst ? null : 1_000, ioWriteBytesPerSec: isFirst ? null : 24 }));
  }
  if (i >= 10 && i < 20) rows.push(processRow({ pid: 600, name: 'bar', exePath: '/usr/bin/bar', startTimeMs: START_MS + 10_000, cpuPercent: 50, ioReadBytesPerSec: 0, ioWriteBytesPerSec: 0 }));
  return rows;
}

async function recordRun(store: HistoryStore): Promise<void> {
  for (let i = 0; i < TICKS; i++) {
    const snap = snapshot({ seq: i + 1, takenAtMs: START_MS + i * 1_000, intervalMs: 1_000, cpu: cpuFigures({ logicalCores: CORES, perCorePercent: [null, null] }), processes: processesAt(i) });
    store.record(snap);
    if (i % 20 === 19 || i === TICKS - 1) {
      for (let wait = 0; (await store.status()).newestMs !== snap.takenAtMs; wait++) {
        if (wait > 400) throw new Error(`tick ${i} was never written`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  }
}

const entry = (id: string, exePath: string): StartupFacts => ({
  id,
  name: id,
  publisher: null,
  command: exePath,
  exePath,
  location: 'autostartUser',
  locationPath: `/home/ann/.config/autostart/${id}.desktop`,
  status: 'enabled',
  statusDetail: null,
  changedAtMs: null,
  needsElevation: false,
});
const platform: StartupPlatform = {
  list: async () => ({ entries: [entry('foo', '/usr/bin/foo'), entry('bar', '/usr/bin/bar')], notes: [], unavailableReason: null }),
  setEnabled: async () => ({ ok: true }),
  openLocation: async () => ({ ok: true }),
  openProperties: async () => ({ ok: true }),
};
const loggedInAt = (loginAtMs: number): SessionsPlatform => ({
  list: async () => ({ sessions: [{ id: '2', user: 'ann', state: 'active', clientName: null, station: 'seat0', loginAtMs }], unavailableReason: null }),
  close: () => {},
});

describe('startup impact from the real history store', () => {
  it('an entry’s processes in the minutes after login: CPU time, disk bytes and count as recorded; one that ran before only is 0', async () => {
    const store = new HistoryStore({ dir });
    try {
      await recordRun(store);
      const service = createStartupService({ platform, sessions: loggedInAt(LOGIN_MS), history: store, currentUser: () => 'ann' });
      const answer = await service.view();
      expect(answer.ok && answer.value.entries.map((e) => [e.id, e.impact])).toEqual([
        ['foo', { state: 'measured', loginAtMs: LOGIN_MS, cpuTimeMs: 10 * 500, diskBytes: 10 * 1_024, processCount: 1 }],
        ['bar', { state: 'measured', loginAtMs: LOGIN_MS, cpuTimeMs: 0, diskBytes: 0, processCount: 0 }],
      ]);
    } finally {
      await store.close();
    }
  });

  it('a login before recording began is Not measured, saying so', async () => {
    const store = new HistoryStore({ dir });
    try {
      await recordRun(store);
      const service = createStartupService({ platform, sessions: loggedInAt(START_MS - 30_000), history: store, currentUser: () => 'ann' });
      const answer = await service.view();
      expect(answer.ok && answer.value.entries[0]?.impact).toEqual({
        state: 'notMeasured',
        reason: 'history started recording 30 s after this login (Task Manager or its host started later), so the start of the first minute was not recorded',
      });
    } finally {
      await store.close();
    }
  });
});
