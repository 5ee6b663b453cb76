import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src-shared/inventory.ts';
import { FakeTimers } from '../test-support/fake-timers.ts';
import { deviceKey } from './hardware-change.ts';
import { CACHE_FILE, loadCachedRead, saveCachedRead } from './inventory-cache.ts';
import { fixture, SNAPSHOT_FACTS } from './inventory-fixtures.ts';
import type { SnapshotFacts } from './inventory-map.ts';
import type { ReadOutcome } from './inventory-reader.ts';
import { startInventory, type InventoryService } from './inventory-service.ts';

const BOOT = 'linux:aaaa';
const desktop = SNAPSHOT_FACTS['linux-desktop'];
const withUsbDisk: SnapshotFacts = { ...desktop, disks: [...desktop.disks, { ...desktop.disks[1]!, id: 'sdb', name: 'sdb' }] };

/** A read the test answers by hand, and how many were started. */
class FakeReads {
  readonly started: ((outcome: ReadOutcome) => void)[] = [];
  readonly signals: AbortSignal[] = [];
  readonly read = (_deadlineMs: number, signal: AbortSignal) =>
    new Promise<ReadOutcome>((resolve) => {
      this.started.push(resolve);
      this.signals.push(signal);
    });
  async answer(outcome: ReadOutcome = { ok: true, output: fixture('linux-desktop'), wallMs: 900 }): Promise<void> {
    const resolve = this.started.at(-1);
    if (!resolve) throw new Error('no read was started');
    resolve(outcome);
    await Promise.resolve();
  }
}

let dir = '';
let timers: FakeTimers;
let reads: FakeReads;
let feed: ((snapshot: SnapshotFacts) => void) | null;
let service: InventoryService | null;
let changes: Inventory[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-service-'));
  timers = new FakeTimers(1_700_000_000_000);
  reads = new FakeReads();
  feed = null;
  service = null;
  changes = [];
});
afterEach(() => {
  service?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function start(cacheDir: string | null = dir): InventoryService {
  service = startInventory({
    cacheDir,
    bootId: BOOT,
    snapshots: (listener) => {
      feed = listener;
      return () => (feed = null);
    },
    read: reads.read,
    nowMs: () => timers.now(),
    timers,
  });
  service.onChange((inventory) => changes.push(inventory));
  return service;
}

const send = (snapshot: SnapshotFacts) => {
  if (!feed) throw new Error('not subscribed');
  feed(snapshot);
};

describe('inventory service', () => {
  it('starts the read after the first snapshot; snapshots pass straight through while it runs; the answer is matched to them', async () => {
    const s = start();
    expect(reads.started).toHaveLength(0);
    send(desktop);
    // Not even the spawn happens inside the snapshot's own delivery.
    expect(reads.started).toHaveLength(0);
    timers.advance(0);
    expect(reads.started).toHaveLength(1);
    // The read has not answered: snapshots are taken at once, the inventory is not there yet.
    send(desktop);
    send(desktop);
    expect(s.current()).toBeNull();
    expect(changes).toHaveLength(0);
    await reads.answer();
    const inv = s.current();
    expect(inv?.error).toBeNull();
    expect(inv?.bootId).toBe(BOOT);
    expect(inv?.readMs).toBe(900);
    expect(inv?.disks.map((d) => d.snapshotId)).toEqual(['nvme0n1', 'sda']);
    expect(changes).toEqual([inv]);
    expect(loadCachedRead(dir, BOOT)?.devicesKey).toBe(deviceKey(desktop));
  });

  it('reads after 3 s without a snapshot, then maps the answer again to the first snapshot without reading again', async () => {
    const s = start();
    timers.advance(2_900);
    expect(reads.started).toHaveLength(0);
    timers.advance(100);
    expect(reads.started).toHaveLength(1);
    await reads.answer();
    expect(s.current()?.disks.map((d) => d.snapshotId)).toEqual([null, null]);
    send(desktop);
    expect(s.current()?.disks.map((d) => d.snapshotId)).toEqual(['nvme0n1', 'sda']);
    send(desktop);
    expect(changes).toHaveLength(2);
    timers.advance(60_000);
    expect(reads.started).toHaveLength(1);
  });

  it('uses the read kept for this boot instead of reading', () => {
    saveCachedRead(dir, { bootId: BOOT, readAtMs: 5, readMs: 700, devicesKey: deviceKey(desktop), output: fixture('linux-desktop') });
    const s = start();
    expect(reads.started).toHaveLength(0);
    expect(s.current()?.readMs).toBe(700);
    send(desktop);
    timers.advance(60_000);
    expect(reads.started).toHaveLength(0);
    expect(s.current()?.disks.map((d) => d.snapshotId)).toEqual(['nvme0n1', 'sda']);
  });

  it('reads again when the read kept on disk was of another boot', () => {
    saveCachedRead(dir, { bootId: 'linux:bbbb', readAtMs: 5, readMs: 700, devicesKey: null, output: fixture('linux-desktop') });
    start();
    send(desktop);
    timers.advance(0);
    expect(reads.started).toHaveLength(1);
  });

  it('reads again 5 s after a disk appears, never on the snapshot itself', async () => {
    start();
    send(desktop);
    timers.advance(0);
    await reads.answer();
    send(withUsbDisk);
    expect(reads.started).toHaveLength(1);
    timers.advance(4_900);
    send(withUsbDisk);
    expect(reads.started).toHaveLength(1);
    timers.advance(100);
    expect(reads.started).toHaveLength(2);
    await reads.answer();
    send(withUsbDisk);
    timers.advance(60_000);
    expect(reads.started).toHaveLength(2);
  });

  it('does not read again for a device that came and went within the debounce', async () => {
    start();
    send(desktop);
    timers.advance(0);
    await reads.answer();
    send(withUsbDisk);
    timers.advance(2_000);
    send(desktop);
    timers.advance(60_000);
    expect(reads.started).toHaveLength(1);
  });

  it('reads again when the devices changed since the read kept on disk', () => {
    saveCachedRead(dir, { bootId: BOOT, readAtMs: 5, readMs: 700, devicesKey: deviceKey(desktop), output: fixture('linux-desktop') });
    start();
    send(withUsbDisk);
    expect(reads.started).toHaveLength(0);
    timers.advance(5_000);
    expect(reads.started).toHaveLength(1);
  });

  it('shows a failed read as every fact missing with why, and keeps nothing on disk', async () => {
    const s = start();
    send(desktop);
    timers.advance(0);
    await reads.answer({ ok: false, error: 'The read timed out after 20 s', wallMs: 20_000 });
    const inv = s.current();
    expect(inv?.error).toBe('The read timed out after 20 s');
    expect(inv?.machine.osName).toEqual({ value: null, reason: 'The read timed out after 20 s' });
    expect(inv?.disks.map((d) => [d.snapshotId, d.kind])).toEqual([
      ['nvme0n1', { value: null, reason: 'The read timed out after 20 s' }],
      ['sda', { value: null, reason: 'The read timed out after 20 s' }],
    ]);
    expect(fs.existsSync(path.join(dir, CACHE_FILE))).toBe(false);
  });

  it('tries a failed read again after 1 min, twice at most', async () => {
    const s = start();
    send(desktop);
    timers.advance(0);
    const timedOut: ReadOutcome = { ok: false, error: 'The read timed out after 20 s', wallMs: 20_000 };
    await reads.answer(timedOut);
    // Snapshots keep coming while it waits; they do not cancel the retry.
    timers.advance(59_000);
    send(desktop);
    expect(reads.started).toHaveLength(1);
    timers.advance(1_000);
    expect(reads.started).toHaveLength(2);
    await reads.answer(timedOut);
    timers.advance(60_000);
    expect(reads.started).toHaveLength(3);
    await reads.answer(timedOut);
    timers.advance(600_000);
    expect(reads.started).toHaveLength(3);
    expect(s.current()?.error).toBe('The read timed out after 20 s');
  });

  it('starts no read once stopped', () => {
    start().stop();
    timers.advance(60_000);
    expect(reads.started).toHaveLength(0);
  });

  it('drops an answer that comes after stop, and stops watching snapshots', async () => {
    const s = start();
    send(desktop);
    timers.advance(0);
    expect(reads.signals[0]?.aborted).toBe(false);
    s.stop();
    expect(feed).toBeNull();
    // The read in flight is told to end its child now, not at its deadline.
    expect(reads.signals[0]?.aborted).toBe(true);
    await reads.answer();
    expect(s.current()).toBeNull();
    expect(changes).toHaveLength(0);
  });
});
