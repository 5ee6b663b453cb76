/**
 * GPUs on Linux (REFERENCE.md "GPU, Linux"):
 *  - NVIDIA: one long-lived `nvidia-smi … -lms <interval>` child streaming CSV lines (no fork per
 *    tick); its latest line per GPU is the figure.
 *  - Others (AMD, Intel): `/sys/class/drm/cardN/device/` (gpu_busy_percent, mem_info_vram_*,
 *    hwmon temperature), read each tick.
 *  - No GPU is a normal state: an empty list.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { GpuFigures } from '../../../../src-shared/snapshot.ts';
import { NVIDIA_QUERY_FIELDS, parseNvidiaSmiLine, vendorFromPciId } from './gpu-parse.ts';
import { readTrimmed } from './linux-devices.ts';

/** nvidia-smi is restarted at most this many times if it exits. */
const NVIDIA_MAX_STARTS = 3;

export class NvidiaSmiStream {
  private child: ChildProcess | null = null;
  private readonly latest = new Map<string, GpuFigures>();
  private starts = 0;
  private isClosed = false;
  private partial = '';

  private readonly executable: string;
  private readonly intervalMs: number;

  constructor(
    executable: string,
    intervalMs: number,
  ) {
    this.executable = executable;
    this.intervalMs = intervalMs;
    this.start();
  }

  current(): GpuFigures[] {
    return [...this.latest.values()];
  }

  close(): void {
    this.isClosed = true;
    this.child?.kill();
    this.child = null;
  }

  private start(): void {
    if (this.isClosed || this.starts >= NVIDIA_MAX_STARTS) return;
    this.starts += 1;
    const child = spawn(
      this.executable,
      [`--query-gpu=${NVIDIA_QUERY_FIELDS.join(',')}`, '--format=csv,noheader,nounits', `-lms`, String(this.intervalMs)],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    this.child = child;
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.onData(chunk));
    child.on('error', () => undefined); // reported through 'exit'/'close'
    child.on('close', () => {
      if (this.child !== child) return;
      this.child = null;
      this.latest.clear();
      if (!this.isClosed) setTimeout(() => this.start(), 5_000).unref();
    });
  }

  private onData(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      const gpu = parseNvidiaSmiLine(line);
      if (gpu) this.latest.set(gpu.id, gpu);
    }
  }
}

/** The first `name` found on PATH, or null. */
export function findOnPath(name: string, pathVariable = process.env['PATH'] ?? ''): string | null {
  for (const dir of pathVariable.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** GPUs that sysfs describes (all vendors but NVIDIA when nvidia-smi already covers it). */
export function readSysfsGpus(sysRoot: string, skipNvidia: boolean): GpuFigures[] {
  const drm = `${sysRoot}/class/drm`;
  let cards: string[];
  try {
    cards = fs.readdirSync(drm).filter((name) => /^card\d+$/.test(name));
  } catch {
    return [];
  }
  const gpus: GpuFigures[] = [];
  for (const card of cards.sort()) {
    const device = `${drm}/${card}/device`;
    const vendor = vendorFromPciId(readTrimmed(`${device}/vendor`));
    if (vendor === 'nvidia' && skipNvidia) continue;
    const number = (file: string): number | null => {
      const text = readTrimmed(file);
      if (text === null || text === '') return null;
      const value = Number(text);
      return Number.isFinite(value) ? value : null;
    };
    const busy = number(`${device}/gpu_busy_percent`);
    const tempMilliC = firstHwmonTemp(device);
    const deviceId = readTrimmed(`${device}/device`);
    gpus.push({
      id: card,
      name: `${vendorLabel(vendor)} GPU${deviceId ? ` ${deviceId}` : ''}`,
      vendor,
      utilizationPercent: busy === null ? null : Math.min(100, Math.max(0, busy)),
      memoryUsedBytes: number(`${device}/mem_info_vram_used`),
      memoryTotalBytes: number(`${device}/mem_info_vram_total`),
      sharedMemoryUsedBytes: null,
      temperatureC: tempMilliC === null ? null : tempMilliC / 1000,
      engines: [],
    });
  }
  return gpus;
}

function firstHwmonTemp(device: string): number | null {
  try {
    for (const hwmon of fs.readdirSync(`${device}/hwmon`)) {
      const text = readTrimmed(`${device}/hwmon/${hwmon}/temp1_input`);
      if (text !== null && Number.isFinite(Number(text))) return Number(text);
    }
  } catch {
    // no hwmon
  }
  return null;
}

function vendorLabel(vendor: GpuFigures['vendor']): string {
  return { nvidia: 'NVIDIA', amd: 'AMD', intel: 'Intel', other: 'Other' }[vendor];
}
