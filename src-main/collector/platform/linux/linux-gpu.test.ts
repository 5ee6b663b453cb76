import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gpuEnginesFromClients } from '../../compute/gpu.ts';
import { LinuxDrmClients } from './linux-drm-clients.ts';
import { findOnPath, readSysfsGpus } from './linux-gpu.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gpu-fixture-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('GPUs from sysfs', () => {
  it('no DRM cards is a normal state: an empty list', () => {
    expect(readSysfsGpus(path.join(root, 'no-sys'), false)).toEqual([]);
  });

  it('reads an AMD card (busy %, VRAM, temperature) and skips connectors and NVIDIA when nvidia-smi covers it', () => {
    const sys = path.join(root, 'sys');
    const amd = `${sys}/class/drm/card0/device`;
    write(`${amd}/vendor`, '0x1002\n');
    write(`${amd}/device`, '0x73bf\n');
    write(`${amd}/gpu_busy_percent`, '37\n');
    write(`${amd}/mem_info_vram_used`, '1073741824\n');
    write(`${amd}/mem_info_vram_total`, '17163091968\n');
    write(`${amd}/hwmon/hwmon3/temp1_input`, '54000\n');
    write(`${sys}/class/drm/card0-DP-1/status`, 'connected\n');
    write(`${sys}/class/drm/card1/device/vendor`, '0x10de\n');
    expect(readSysfsGpus(sys, true)).toEqual([
      {
        id: 'card0',
        name: 'AMD GPU 0x73bf',
        vendor: 'amd',
        utilizationPercent: 37,
        memoryUsedBytes: 1073741824,
        memoryTotalBytes: 17163091968,
        temperatureC: 54, sharedMemoryUsedBytes: null, engines: []
      },
    ]);
    const withNvidia = readSysfsGpus(sys, false);
    expect(withNvidia.map((g) => g.vendor)).toEqual(['amd', 'nvidia']);
    // What sysfs does not say is unknown, not zero.
    expect(withNvidia[1]?.utilizationPercent).toBeNull();
    expect(withNvidia[1]?.memoryUsedBytes).toBeNull();
  });
});

describe('per-process GPU from DRM fdinfo', () => {
  it('finds DRM fds, counts a client shared by two fds once, and sums engines of separate clients', () => {
    const proc = path.join(root, 'proc');
    const dri = path.join(root, 'dev-dri');
    fs.mkdirSync(dri, { recursive: true });
    fs.mkdirSync(`${proc}/42/fd`, { recursive: true });
    fs.symlinkSync(`${dri}/renderD128`, `${proc}/42/fd/5`);
    fs.symlinkSync(`${dri}/renderD128`, `${proc}/42/fd/6`);
    fs.symlinkSync(`${dri}/card0`, `${proc}/42/fd/7`);
    fs.symlinkSync('/dev/null', `${proc}/42/fd/0`);
    const client = (id: string, gfx: number) =>
      `pos:\t0\nflags:\t02100002\ndrm-driver:\tamdgpu\ndrm-client-id:\t${id}\ndrm-engine-gfx:\t${gfx} ns\ndrm-engine-capacity-gfx:\t2\ndrm-memory-vram:\t1024 KiB\n`;
    write(`${proc}/42/fdinfo/5`, client('7', 1_000_000));
    write(`${proc}/42/fdinfo/6`, client('7', 1_000_000));
    write(`${proc}/42/fdinfo/7`, client('8', 500_000));
    fs.mkdirSync(`${proc}/43/fd`, { recursive: true });
    fs.symlinkSync('/dev/null', `${proc}/43/fd/0`);

    const drm = new LinuxDrmClients(proc, dri);
    expect(drm.isAvailable()).toBe(true);
    const usage = drm.read([42, 43, 44], 0).byPid;
    expect([...usage.keys()]).toEqual([42]);
    // (1,000,000 + 500,000 ns) over a gfx class of 2 engines.
    expect(usage.get(42)?.engineBusyNs.get('gfx')).toBe(750_000);
    expect(usage.get(42)?.engineBusyNs.has('capacity-gfx')).toBe(false);
    expect(usage.get(42)?.memoryBytes).toBe(2 * 1024 * 1024);
  });

  it('gives each client once with its card, matched by drm-pdev to the device the sysfs card links to', () => {
    const base = path.join(root, 'cards');
    const proc = `${base}/proc`;
    const dri = `${base}/dev-dri`;
    const sys = `${base}/sys`;
    fs.mkdirSync(dri, { recursive: true });
    // card0 is the AMD card at 0000:03:00.0, card1 the Intel one at 0000:00:02.0.
    for (const [card, pdev] of [['card0', '0000:03:00.0'], ['card1', '0000:00:02.0']] as const) {
      fs.mkdirSync(`${sys}/devices/pci0000:00/${pdev}`, { recursive: true });
      fs.mkdirSync(`${sys}/class/drm/${card}`, { recursive: true });
      fs.symlinkSync(`${sys}/devices/pci0000:00/${pdev}`, `${sys}/class/drm/${card}/device`);
    }
    const client = (id: string, pdev: string | null, gfx: number) =>
      `drm-driver:\tamdgpu\ndrm-client-id:\t${id}\n${pdev ? `drm-pdev:\t${pdev}\n` : ''}drm-engine-gfx:\t${gfx} ns\ndrm-engine-dec:\t7 ns\n`;
    // 50 and 51 share client 12 (an fd passed to a child): the card counts it once.
    for (const pid of [50, 51]) {
      fs.mkdirSync(`${proc}/${pid}/fd`, { recursive: true });
      fs.symlinkSync(`${dri}/renderD128`, `${proc}/${pid}/fd/9`);
      write(`${proc}/${pid}/fdinfo/9`, client('12', '0000:03:00.0', 4_000));
    }
    fs.symlinkSync(`${dri}/renderD129`, `${proc}/51/fd/10`);
    write(`${proc}/51/fdinfo/10`, client('3', '0000:00:02.0', 900));
    // A client whose device is unknown (no drm-pdev) has no card to count on.
    fs.symlinkSync(`${dri}/renderD130`, `${proc}/51/fd/11`);
    write(`${proc}/51/fdinfo/11`, client('5', null, 100));

    const { byPid, clients } = new LinuxDrmClients(proc, dri, sys).read([50, 51], 0);
    expect(byPid.get(51)?.engineBusyNs.get('gfx')).toBe(4_000 + 900 + 100);
    expect(clients.map((c) => [c.gpuId, c.clientKey, Object.fromEntries(c.engineBusyNs)])).toEqual([
      ['card0', '0000:03:00.0/12', { gfx: 4_000, dec: 7 }],
      ['card1', '0000:00:02.0/3', { gfx: 900, dec: 7 }],
    ]);
  });

  it('two reads a second apart give the card’s engines (read → compute/gpu.ts), each shared client counted once', () => {
    const base = path.join(root, 'two-reads');
    const proc = `${base}/proc`;
    const dri = `${base}/dev-dri`;
    const sys = `${base}/sys`;
    fs.mkdirSync(dri, { recursive: true });
    fs.mkdirSync(`${sys}/devices/pci0000:00/0000:03:00.0`, { recursive: true });
    fs.mkdirSync(`${sys}/class/drm/card0`, { recursive: true });
    fs.symlinkSync(`${sys}/devices/pci0000:00/0000:03:00.0`, `${sys}/class/drm/card0/device`);
    const fdinfo = (gfx: number, dec: number) =>
      `drm-driver:\tamdgpu\ndrm-client-id:\t12\ndrm-pdev:\t0000:03:00.0\ndrm-engine-gfx:\t${gfx} ns\ndrm-engine-dec:\t${dec} ns\n`;
    for (const pid of [60, 61]) {
      fs.mkdirSync(`${proc}/${pid}/fd`, { recursive: true });
      fs.symlinkSync(`${dri}/renderD128`, `${proc}/${pid}/fd/4`);
      write(`${proc}/${pid}/fdinfo/4`, fdinfo(1_000_000_000, 0));
    }
    const drm = new LinuxDrmClients(proc, dri, sys);
    const first = drm.read([60, 61], 0).clients;
    // One second later: gfx busy 300 ms, decode 120 ms, seen through both processes' fds of the one client.
    for (const pid of [60, 61]) write(`${proc}/${pid}/fdinfo/4`, fdinfo(1_300_000_000, 120_000_000));
    const second = drm.read([60, 61], 1000).clients;
    expect(gpuEnginesFromClients(first, second, 1000).get('card0')).toEqual([
      { name: 'dec', utilizationPercent: 12 },
      { name: 'gfx', utilizationPercent: 30 },
    ]);
  });

  it('is off where /dev/dri does not exist', () => {
    expect(new LinuxDrmClients(root, path.join(root, 'no-dri')).isAvailable()).toBe(false);
  });
});

describe('findOnPath', () => {
  it('finds an executable on PATH and says null when there is none', () => {
    const bin = path.join(root, 'bin');
    write(`${bin}/nvidia-smi`, '#!/bin/sh\n');
    fs.chmodSync(`${bin}/nvidia-smi`, 0o755);
    expect(findOnPath('nvidia-smi', `/nonexistent:${bin}`)).toBe(`${bin}/nvidia-smi`);
    expect(findOnPath('nvidia-smi', '/nonexistent')).toBeNull();
  });
});
