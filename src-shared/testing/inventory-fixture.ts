/**
 * A small, complete `Inventory` for tests of the paths that carry it (query, broadcast): every
 * fact missing but the CPU model, so a test can tell two inventories apart by `bootId` or model.
 */
import { known, missing, type Inventory } from '../inventory.ts';
import { FIXTURE_TIME_MS } from './fixtures.ts';

export function inventoryFixture(overrides: Partial<Inventory> = {}): Inventory {
  const none = missing('not read in this test');
  return {
    bootId: 'boot-1',
    readAtMs: FIXTURE_TIME_MS,
    readMs: 120,
    error: null,
    machine: { osName: none, osVersion: none, manufacturer: none, model: none, hostname: none, isVirtualMachine: none },
    cpu: {
      model: known('Test CPU 9000', 'systeminformation'),
      baseSpeedMhz: none,
      sockets: none,
      cores: none,
      logicalProcessors: none,
      isVirtualizationEnabled: none,
      l1CacheBytes: none,
      l2CacheBytes: none,
      l3CacheBytes: none,
    },
    memory: { speedMhz: none, slotsUsed: none, slotsTotal: none, formFactor: none, hardwareReservedBytes: none },
    disks: [],
    adapters: [],
    gpus: [],
    ...overrides,
  };
}
