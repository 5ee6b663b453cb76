/**
 * Test support: the recorded child outputs in fixtures/ (a Windows laptop and a Linux desktop
 * written from systeminformation's documented shapes; this VM's real output, trimmed), parsed by the
 * same schema main uses, and the snapshot facts each machine's adapter would give.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryFigures } from '../../src-shared/testing/fixtures.ts';
import type { SnapshotFacts } from './inventory-map.ts';
import { childOutputSchema, type ChildOutput } from './si-results.ts';

export const FIXTURES = ['windows-laptop', 'linux-desktop', 'vm-debian'] as const;
export type FixtureName = (typeof FIXTURES)[number];

const here = path.dirname(fileURLToPath(import.meta.url));

export function rawFixture(name: FixtureName): unknown {
  return JSON.parse(fs.readFileSync(path.join(here, 'fixtures', `${name}.json`), 'utf8'));
}

export function fixture(name: FixtureName): ChildOutput {
  return childOutputSchema.parse(rawFixture(name));
}

const memory = (totalBytes: number): SnapshotFacts['memory'] => memoryFigures({ totalBytes, usedBytes: 0, availableBytes: totalBytes });

const cpu = (model: string | null, logicalCores: number): SnapshotFacts['cpu'] => ({
  totalPercent: 0,
  kernelPercent: 0,
  perCorePercent: [],
  logicalCores,
  model,
  speedMhz: null,
  uptimeSec: null,
});

const disk = (id: string, name: string) => ({ id, name, readBytesPerSec: 0, writeBytesPerSec: 0, activePercent: 0, responseTimeMs: null });
const net = (name: string) => ({ name, rxBytesPerSec: 0, txBytesPerSec: 0, rxTotalBytes: 0, txTotalBytes: 0 });
const gpu = (id: string, name: string, vendor: 'nvidia' | 'amd' | 'intel' | 'other', memoryTotalBytes: number | null) => ({
  id,
  name,
  vendor,
  utilizationPercent: null,
  memoryUsedBytes: null,
  memoryTotalBytes,
  sharedMemoryUsedBytes: null,
  temperatureC: null,
  engines: [],
});

/** What each machine's platform adapter reports, as the collector's snapshot carries it. */
export const SNAPSHOT_FACTS: Record<FixtureName, SnapshotFacts> = {
  'windows-laptop': {
    cpu: cpu('11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz', 8),
    memory: memory(16847835136),
    disks: [disk('0 C:', 'Disk 0 (C:)'), disk('1 E:', 'Disk 1 (E:)')],
    network: [net('Intel[R] Wi-Fi 6 AX201 160MHz'), net('Realtek USB GbE Family Controller _2'), net('Hyper-V Virtual Ethernet Adapter')],
    gpus: [gpu('luid_0x00000000_0x0000c2f1_phys_0', 'GPU 0', 'other', null)],
  },
  'linux-desktop': {
    cpu: cpu('12th Gen Intel(R) Core(TM) i7-12700K', 20),
    memory: memory(33576468480),
    disks: [disk('nvme0n1', 'nvme0n1'), disk('sda', 'sda')],
    network: [net('enp5s0'), net('wlp4s0'), net('docker0')],
    gpus: [gpu('GPU-5f3c2a1b-0000-0000-0000-000000000000', 'NVIDIA GeForce RTX 3070', 'nvidia', 8589934592), gpu('card1', 'Intel GPU 0x4680', 'intel', null)],
  },
  'vm-debian': {
    cpu: cpu('AMD EPYC 9B14', 2),
    memory: memory(25276157952),
    disks: [disk('vda', 'vda')],
    network: [net('eth0')],
    gpus: [],
  },
};
