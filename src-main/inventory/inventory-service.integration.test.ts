/**
 * The service with the real child: the first start reads (after the first snapshot) and keeps the
 * read; a second start in the same boot has the facts at once, without a read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src-shared/inventory.ts';
import { CACHE_FILE } from './inventory-cache.ts';
import { SNAPSHOT_FACTS } from './inventory-fixtures.ts';
import type { SnapshotFacts } from './inventory-map.ts';
import { startInventory, type InventoryService } from './inventory-service.ts';

const services: InventoryService[] = [];
let dir = '';
afterEach(() => {
  for (const s of services.splice(0)) s.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** This machine's interfaces, as the collector names them on Linux. */
const interfaces = Object.entries(os.networkInterfaces())
  .filter(([, addresses]) => (addresses ?? []).some((a) => !a.internal))
  .map(([name]) => name);
const snapshot: SnapshotFacts = { ...SNAPSHOT_FACTS['vm-debian'], cpu: { ...SNAPSHOT_FACTS['vm-debian'].cpu, model: os.cpus()[0]?.model ?? null, logicalCores: os.cpus().length }, disks: [], gpus: [], network: interfaces.map((name) => ({ name, rxBytesPerSec: 0, txBytesPerSec: 0, rxTotalBytes: 0, txTotalBytes: 0 })) };

function start(): { service: InventoryService; first: Promise<Inventory> } {
  const snapshots = (listener: (s: SnapshotFacts) => void) => {
    // The first snapshot comes a moment after start, as the collector's does.
    const timer = setTimeout(() => listener(snapshot), 10);
    return () => clearTimeout(timer);
  };
  const service = startInventory({ cacheDir: dir, deadlineMs: 50_000, snapshots });
  services.push(service);
  const first = new Promise<Inventory>((resolve) => {
    const now = service.current();
    if (now) resolve(now);
    else service.onChange(resolve);
  });
  return { service, first };
}

describe('startInventory with the real child', () => {
  it('reads once, matches this machine\u2019s adapters, and a second start in the boot has the facts without reading', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-service-'));
    const one = start();
    expect(one.service.current()).toBeNull();
    const inv = await one.first;
    expect(inv.error).toBeNull();
    expect(inv.cpu.model).toEqual({ value: os.cpus()[0]?.model, source: 'adapter' });
    expect(inv.adapters.filter((a) => a.snapshotId !== null).map((a) => a.snapshotId).sort()).toEqual([...interfaces].sort());
    expect(fs.existsSync(path.join(dir, CACHE_FILE))).toBe(true);

    const two = start();
    // From the kept read: there at once, read at the same time as the first.
    expect(two.service.current()?.readAtMs).toBe(inv.readAtMs);
  });
});
