/**
 * The Linux platform's GPU paths with a stand-in `nvidia-smi` (a script this test writes and whose
 * only process the platform starts), and the no-GPU state that most machines are in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotSchema } from '../../../../src-shared/snapshot.ts';
import { sleepMs, waitUntil } from '../../../test-support/child-processes.ts';
import { SnapshotBuilder } from '../../snapshot-builder.ts';
import { LinuxPlatform } from './linux-platform.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvidia-standin-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeStandIn(): { exe: string; argsFile: string; pidsFile: string } {
  const exe = path.join(dir, 'nvidia-smi');
  const argsFile = path.join(dir, 'args');
  const pidsFile = path.join(dir, 'pids');
  fs.writeFileSync(
    exe,
    `#!/bin/sh
echo "$@" > ${argsFile}
echo $$ >> ${pidsFile}
while :; do
  echo "0, GPU-1111, NVIDIA H100 80GB HBM3, 42, 1024, 81559, 35"
  echo "1, GPU-2222, NVIDIA H100 80GB HBM3, [N/A], 0, 81559, [N/A]"
  sleep 0.1
done
`,
  );
  fs.chmodSync(exe, 0o755);
  return { exe, argsFile, pidsFile };
}

const isAlive = (pid: number) => fs.existsSync(`/proc/${pid}/stat`) && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'latin1'));

describe('GPU sampling on Linux', () => {
  it('streams NVIDIA figures from one long-lived nvidia-smi, and ends it on close', async () => {
    const { exe, argsFile, pidsFile } = writeStandIn();
    const platform = new LinuxPlatform({ intervalMs: 500, nvidiaSmiPath: exe });
    try {
      await waitUntil(() => platform.sample().gpus.length === 2, 10_000, 'GPU lines');
      const builder = new SnapshotBuilder(() => new Set());
      builder.next(platform.sample());
      await sleepMs(300);
      const snapshot = builder.next(platform.sample());
      expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
      expect(snapshot?.gpus).toEqual([
        {
          id: 'GPU-1111',
          name: 'NVIDIA H100 80GB HBM3',
          vendor: 'nvidia',
          utilizationPercent: 42,
          memoryUsedBytes: 1024 * 1024 * 1024,
          memoryTotalBytes: 81559 * 1024 * 1024,
          // nvidia-smi's query gives neither shared memory nor engines.
          sharedMemoryUsedBytes: null,
          temperatureC: 35,
          engines: [],
        },
        {
          id: 'GPU-2222',
          name: 'NVIDIA H100 80GB HBM3',
          vendor: 'nvidia',
          utilizationPercent: null,
          memoryUsedBytes: 0,
          memoryTotalBytes: 81559 * 1024 * 1024,
          sharedMemoryUsedBytes: null,
          temperatureC: null,
          engines: [],
        },
      ]);
      expect(fs.readFileSync(argsFile, 'utf8').trim()).toBe(
        '--query-gpu=index,uuid,name,utilization.gpu,memory.used,memory.total,temperature.gpu --format=csv,noheader,nounits -lms 500',
      );
      // One child for the whole run, not one per tick.
      expect(fs.readFileSync(pidsFile, 'utf8').trim().split('\n')).toHaveLength(1);
    } finally {
      platform.close();
    }
    const pid = Number(fs.readFileSync(pidsFile, 'utf8').trim());
    await waitUntil(() => !isAlive(pid), 5_000, 'nvidia-smi to end');
  });

  it('a machine without a GPU reports an empty list, and every process GPU figure is unknown', async () => {
    // A sysfs with no DRM class and no /dev/dri: what a server or a VM without a GPU has.
    const sysRoot = path.join(dir, 'sys-without-gpu');
    fs.mkdirSync(sysRoot, { recursive: true });
    const platform = new LinuxPlatform({ intervalMs: 500, nvidiaSmiPath: null, sysRoot, devDriPath: path.join(dir, 'no-dri') });
    try {
      const builder = new SnapshotBuilder(() => new Set());
      builder.next(platform.sample());
      await sleepMs(100);
      const snapshot = builder.next(platform.sample());
      expect(snapshot?.gpus).toEqual([]);
      expect(snapshot?.processes.length).toBeGreaterThan(0);
      for (const p of snapshot?.processes ?? []) {
        expect(p.gpuPercent).toBeNull();
        expect(p.gpuMemoryBytes).toBeNull();
      }
    } finally {
      platform.close();
    }
  });
});

describe('start-time basis', () => {
  it('a basis of this boot is used as given (a restarted collector keeps identities); one of another boot is ignored', () => {
    const bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const fresh = new LinuxPlatform({ intervalMs: 500, nvidiaSmiPath: null });
    const basis = fresh.startTimeBasis;
    expect(basis?.bootId).toBe(bootId);
    const startOf = (platform: LinuxPlatform) => platform.sample().processes.find((p) => p.pid === process.pid)?.startTimeMs ?? NaN;
    const reference = startOf(fresh);
    fresh.close();
    const shifted = new LinuxPlatform({ intervalMs: 500, nvidiaSmiPath: null, startTimeBasis: { bootId, bootTimeMs: (basis?.bootTimeMs ?? 0) + 5_000 } });
    expect(startOf(shifted)).toBe(reference + 5_000);
    shifted.close();
    const otherBoot = new LinuxPlatform({ intervalMs: 500, nvidiaSmiPath: null, startTimeBasis: { bootId: 'another-boot', bootTimeMs: 1 } });
    expect(startOf(otherBoot)).toBe(reference);
    otherBoot.close();
  });
});
