/**
 * Test fixture: the inventory of a Windows laptop as the contract carries it (src-shared/inventory.ts),
 * with real values, one fact of each kind missing with its reason, matched to `sda`, `eth0` and `g0`.
 */
import { known, missing, type Inventory } from '../../../src-shared/inventory.ts';

const SI = 'systeminformation' as const;
const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

export const CPU_MODEL = 'Intel(R) Core(TM) i7-1165G7 @ 2.80GHz';
export const NO_VIRTUALIZATION = 'Not reported by this virtual machine';

export function inventoryFixture(overrides: Partial<Inventory> = {}): Inventory {
  return {
    bootId: 'boot-1',
    readAtMs: 1_700_000_000_000,
    readMs: 850,
    error: null,
    machine: {
      osName: known('Windows 11 Pro', SI),
      osVersion: known('10.0.22631', SI),
      manufacturer: known('LENOVO', SI),
      model: known('20XW', SI),
      hostname: known('laptop', SI),
      isVirtualMachine: known(false, SI),
    },
    cpu: {
      model: known(CPU_MODEL, SI),
      baseSpeedMhz: known(2800, SI),
      sockets: known(1, SI),
      cores: known(4, SI),
      logicalProcessors: known(8, 'adapter'),
      isVirtualizationEnabled: missing(NO_VIRTUALIZATION),
      l1CacheBytes: known(320 * KB, SI),
      l2CacheBytes: known(5 * MB, SI),
      l3CacheBytes: known(12 * MB, SI),
    },
    memory: {
      speedMhz: known(4267, SI),
      slotsUsed: known(2, SI),
      slotsTotal: known(4, SI),
      formFactor: known('SODIMM', SI),
      hardwareReservedBytes: known(412 * MB, SI),
    },
    disks: [
      {
        snapshotId: 'sda',
        device: 'Disk 0',
        model: known('SAMSUNG MZVLB512HBJQ', SI),
        kind: known('NVMe', SI),
        capacityBytes: known(512 * 1000 ** 3, SI),
        formattedBytes: known(476 * GB, SI),
        isSystemDisk: known(true, SI),
        hasPageFile: known(true, SI),
        mounts: ['C:'],
      },
    ],
    adapters: [
      {
        snapshotId: 'eth0',
        name: 'eth0',
        description: known('Intel(R) Wi-Fi 6 AX201 160MHz', SI),
        connectionType: known('Wi-Fi', SI),
        ipv4: ['192.168.1.23'],
        ipv6: ['fe80::1c2b:3d4e:5f60:7182'],
        linkSpeedBitsPerSec: known(866_700_000, SI),
        macAddress: known('a4:c3:f0:12:34:56', SI),
      },
    ],
    gpus: [
      {
        snapshotId: 'g0',
        name: known('Intel(R) Iris(R) Xe Graphics', SI),
        vendor: known('Intel Corporation', SI),
        driverVersion: known('31.0.101.4502', SI),
        driverDate: known('2023-06-13', SI),
        dedicatedMemoryBytes: known(128 * MB, SI),
        sharedMemoryBytes: known(8 * GB, SI),
      },
    ],
    ...overrides,
  };
}
