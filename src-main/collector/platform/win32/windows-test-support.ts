/**
 * What the `*.windows.test.ts` files share: children that report what they know of themselves,
 * and independent readers of the truth — GetProcessTimes, GetPriorityClass and GetProcessAffinityMask
 * bound here, apart from the adapter's own bindings, and
 * @vscode/windows-process-tree. Loaded only by those tests, on Windows or under Wine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';

const require = createRequire(import.meta.url);

/** What a test child says about itself. */
export interface ChildReport {
  pid: number;
  /** `process.ppid` as the child sees it. */
  ppid: number;
  /** Its CreateTime from its own GetProcessTimes, a FILETIME as a decimal string. */
  creationTime: string;
}

/** The child: reports itself once, then idles (or spins, with `busy`). */
const CHILD_SCRIPT = `
const koffi = require('koffi');
const k32 = koffi.load('kernel32.dll');
const GetCurrentProcess = k32.func('void * __stdcall GetCurrentProcess()');
const GetProcessTimes = k32.func('int __stdcall GetProcessTimes(void *h, void *c, void *e, void *k, void *u)');
const times = [0, 1, 2, 3].map(() => Buffer.alloc(8));
if (!GetProcessTimes(GetCurrentProcess(), ...times)) throw new Error('GetProcessTimes failed');
process.stdout.write(JSON.stringify({ pid: process.pid, ppid: process.ppid, creationTime: times[0].readBigUInt64LE(0).toString() }) + '\\n');
if (process.argv.includes('busy')) {
  // A worker spins; the main thread reports the process's own CPU time (GetProcessTimes on itself) every 50 ms.
  const { Worker } = require('node:worker_threads');
  new Worker('for (;;) {}', { eval: true });
  setInterval(() => { const u = process.cpuUsage(); process.stdout.write('cpu ' + (u.user + u.system) + '\\n'); }, 50);
} else setInterval(() => {}, 1000);
`;

/**
 * Starts a child of this test's own; `marker` is on its command line. A busy child spins one
 * thread and reports its own CPU time; `cpuUs()` is the latest report, µs (Wine's GetProcessTimes
 * does not advance another process's CPU times, so this is the truth the child itself knows).
 */
export async function startChild(marker: string, options: { isBusy?: boolean } = {}): Promise<{ child: ChildProcess; report: ChildReport; cpuUs: () => number }> {
  const args = ['-e', CHILD_SCRIPT, marker, ...(options.isBusy ? ['busy'] : [])];
  // cwd: koffi resolves from the project, where node_modules is.
  const child = spawn(process.execPath, args, { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  let cpuUs = 0;
  const line = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const lines = text.split('\n');
      text = lines.pop() ?? '';
      for (const l of lines) {
        if (l.startsWith('cpu ')) cpuUs = Number(l.slice(4));
        else resolve(l);
      }
    });
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before reporting`)));
  });
  return { child, report: JSON.parse(line) as ChildReport, cpuUs: () => cpuUs };
}

/** winbase.h priority classes, as GetPriorityClass answers them. */
export const WIN_PRIORITY_CLASS = { idle: 0x40, belowNormal: 0x4000, normal: 0x20, aboveNormal: 0x8000, high: 0x80, realtime: 0x100 } as const;

const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
const PROCESS_SET_INFORMATION = 0x0200;

type Native = (...args: unknown[]) => unknown;
interface TruthBindings {
  OpenProcess: Native;
  CloseHandle: Native;
  GetProcessTimes: Native;
  GetPriorityClass: Native;
  SetPriorityClass: Native;
  GetProcessAffinityMask: Native;
}
let bindings: TruthBindings | undefined;

/** This test's own kernel32 bindings (not the adapter's, so its mistakes can't confirm themselves). */
function truth(): TruthBindings {
  if (bindings) return bindings;
  const koffi = require('koffi') as typeof Koffi;
  const kernel32 = koffi.load('kernel32.dll');
  const f = (definition: string) => kernel32.func(definition) as Native;
  bindings = {
    OpenProcess: f('void * __stdcall OpenProcess(uint32 access, int inherit, uint32 pid)'),
    CloseHandle: f('int __stdcall CloseHandle(void *h)'),
    GetProcessTimes: f('int __stdcall GetProcessTimes(void *h, _Out_ uint64 *c, _Out_ uint64 *e, _Out_ uint64 *k, _Out_ uint64 *u)'),
    GetPriorityClass: f('uint32 __stdcall GetPriorityClass(void *h)'),
    SetPriorityClass: f('int __stdcall SetPriorityClass(void *h, uint32 cls)'),
    GetProcessAffinityMask: f('int __stdcall GetProcessAffinityMask(void *h, _Out_ uint64 *process, _Out_ uint64 *system)'),
  };
  return bindings;
}

function withProcess<T>(pid: number, access: number, read: (b: TruthBindings, handle: unknown) => T): T {
  const b = truth();
  const handle = b.OpenProcess(access, 0, pid);
  if (handle === null) throw new Error(`OpenProcess(${pid}) failed`);
  try {
    return read(b, handle);
  } finally {
    b.CloseHandle(handle);
  }
}

const big = (value: unknown) => (typeof value === 'bigint' ? value : BigInt(Number(value)));

/** GetProcessTimes: creation time (FILETIME) and user + kernel time, 100 ns units. */
export function processTimesOf(pid: number): { creation: bigint; cpu100ns: bigint } {
  return withProcess(pid, PROCESS_QUERY_LIMITED_INFORMATION, (b, h) => {
    const out: unknown[][] = [[0], [0], [0], [0]];
    if (b.GetProcessTimes(h, ...out) === 0) throw new Error('GetProcessTimes failed');
    const [creation, , kernel, user] = out.map((o) => big(o[0]));
    return { creation: creation ?? 0n, cpu100ns: (kernel ?? 0n) + (user ?? 0n) };
  });
}

/** GetPriorityClass. */
export function priorityClassOf(pid: number): number {
  return withProcess(pid, PROCESS_QUERY_LIMITED_INFORMATION, (b, h) => Number(b.GetPriorityClass(h)));
}

/** SetPriorityClass, then GetPriorityClass's answer. */
export function setPriorityClassOf(pid: number, priorityClass: number): number {
  return withProcess(pid, PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_SET_INFORMATION, (b, h) => {
    if (b.SetPriorityClass(h, priorityClass) === 0) throw new Error('SetPriorityClass failed');
    return Number(b.GetPriorityClass(h));
  });
}

/** GetProcessAffinityMask: the process's mask. */
export function affinityMaskOf(pid: number): bigint {
  return withProcess(pid, PROCESS_QUERY_LIMITED_INFORMATION, (b, h) => {
    const mask: unknown[] = [0];
    if (b.GetProcessAffinityMask(h, mask, [0]) === 0) throw new Error('GetProcessAffinityMask failed');
    return big(mask[0]);
  });
}

/** Every process as @vscode/windows-process-tree's native reader lists it (Toolhelp), with working sets. */
export function windowsProcessTreeList(): Promise<Map<number, { ppid: number; name: string; memory?: number }>> {
  const tree = require('@vscode/windows-process-tree') as typeof import('@vscode/windows-process-tree');
  return new Promise((resolve) => {
    tree.getAllProcesses((list) => resolve(new Map((list ?? []).map((p) => [p.pid, { ppid: p.ppid, name: p.name, ...(p.memory === undefined ? {} : { memory: p.memory }) }]))), tree.ProcessDataFlag.Memory);
  });
}
