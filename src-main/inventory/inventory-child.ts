/**
 * The inventory read, in its own process (run with node; inventory-reader.ts starts it). It calls
 * systeminformation, which on Windows spawns PowerShell and on Linux lsblk, dmidecode and friends:
 * if any of them hangs, the host kills this process and everything it started at the deadline
 * (inventory-launcher.ts) and the sampling tick never notices. Prints exactly one JSON line (si-results.ts `childOutputSchema`) and exits.
 *
 * Each call is timed and settled on its own, so one failing call costs only its own facts.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import si from 'systeminformation';
import type { SiCall } from './si-results.ts';

type CallResult = { ok: true; ms: number; value: unknown } | { ok: false; ms: number; error: string };

async function timed(read: () => Promise<unknown>): Promise<CallResult> {
  const startMs = performance.now();
  try {
    const value = await read();
    return { ok: true, ms: Math.round(performance.now() - startMs), value };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - startMs), error: error instanceof Error ? error.message : String(error) };
  }
}

/** /proc/swaps: "Filename Type Size Used Priority", one swap area a line after the header. */
function linuxSwaps(): string[] {
  const text = fs.readFileSync('/proc/swaps', 'utf8');
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name !== '');
}

const WINDOWS_EXTRAS = [
  '$p = @(Get-CimInstance Win32_PageFileUsage | ForEach-Object { $_.Name });',
  "$g = @(Get-CimInstance Win32_VideoController | ForEach-Object { @{ name = $_.Name; date = $(if ($_.DriverDate) { $_.DriverDate.ToString('yyyy-MM-dd') } else { $null }); version = $_.DriverVersion } });",
  '$v = (Get-CimInstance Win32_Processor | Select-Object -First 1).VirtualizationFirmwareEnabled;',
  '@{ pageFiles = $p; gpuDrivers = $g; virtualizationFirmwareEnabled = $v } | ConvertTo-Json -Compress -Depth 4',
].join(' ');

function windowsExtras(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_EXTRAS], { windowsHide: true }, (error, stdout) => {
      if (error) {
        reject(error);
        return;
      }
      try {
        const parsed: unknown = JSON.parse(stdout);
        resolve({ ...(typeof parsed === 'object' && parsed !== null ? parsed : {}), systemDrive: process.env['SystemDrive'] ?? null });
      } catch (parseError) {
        reject(parseError instanceof Error ? parseError : new Error(String(parseError)));
      }
    });
  });
}

/** Each DRM card's PCI address: `/sys/class/drm/card0/device` links to `…/0000:00:02.0`. */
function drmCards(): { card: string; busAddress: string }[] {
  let names: string[];
  try {
    names = fs.readdirSync('/sys/class/drm').filter((name) => /^card\d+$/.test(name));
  } catch {
    return [];
  }
  return names.flatMap((card) => {
    try {
      return [{ card, busAddress: path.basename(fs.realpathSync(`/sys/class/drm/${card}/device`)) }];
    } catch {
      return [];
    }
  });
}

async function platformExtras(): Promise<unknown> {
  if (process.platform === 'win32') return windowsExtras();
  const isLinux = process.platform === 'linux';
  return { pageFiles: isLinux ? linuxSwaps() : [], systemDrive: null, gpuDrivers: [], drmCards: isLinux ? drmCards() : [] };
}

/**
 * Test switch (the deadline and failure tests): `hang` never settles and keeps a grandchild alive,
 * as a hung PowerShell would; `throw` makes the cpu call fail. Unset in the product.
 */
const testMode = process.env['TASKMGR_INVENTORY_TEST'];

function hangLikeAStuckTool(): Promise<never> {
  // A grandchild in this process group that outlives nothing but the group kill: the test checks it is gone.
  execFile(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  return new Promise<never>(() => undefined);
}

const reads: Record<SiCall, () => Promise<unknown>> = {
  osInfo: () => si.osInfo(),
  system: () => si.system(),
  cpu: () => (testMode === 'throw' ? Promise.reject(new Error('cpu() failed in the test')) : si.cpu()),
  memLayout: () => si.memLayout(),
  mem: () => si.mem(),
  diskLayout: () => si.diskLayout(),
  blockDevices: () => si.blockDevices(),
  fsSize: () => si.fsSize(),
  networkInterfaces: () => (testMode === 'hang' ? hangLikeAStuckTool() : si.networkInterfaces()),
  graphics: () => si.graphics(),
  baseboard: () => si.baseboard(),
  platformExtras,
};

const cpuMsOf = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);

async function main(): Promise<void> {
  const startMs = performance.now();
  // In parallel: on Windows most calls wait on their own PowerShell, and the wall time is the slowest one.
  const entries = await Promise.all(Object.entries(reads).map(async ([name, read]) => [name, await timed(read)] as const));
  const isElevated = process.platform === 'linux' ? process.getuid?.() === 0 : null;
  const output = { platform: process.platform, isElevated, wallMs: Math.round(performance.now() - startMs), cpuMs: cpuMsOf(process.cpuUsage()), calls: Object.fromEntries(entries) };
  process.stdout.write(`${JSON.stringify(output)}\n`, () => process.exit(0));
}

/**
 * A child whose host died (crashed, killed) must not read on, or hang on, alone: the host's
 * deadline died with it. Checked each second; unref'd, so it never keeps a finished child alive.
 */
const parentPid = process.ppid;
setInterval(() => {
  let isParentAlive = process.ppid === parentPid;
  try {
    process.kill(parentPid, 0);
  } catch {
    isParentAlive = false;
  }
  if (!isParentAlive) process.exit(1);
}, 1000).unref();

void main();
