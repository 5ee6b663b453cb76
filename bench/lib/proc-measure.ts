/**
 * What the bench reads of a process from /proc: CPU time (own and of reaped children), resident
 * memory, and the system's fork counter.
 */
import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ 100

/** utime + stime (+ cutime + cstime) of `pid`, in ms. */
export function cpuMs(pid: number | 'self', withChildren: boolean): number {
  const text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number);
  const own = (f[11] ?? 0) + (f[12] ?? 0);
  const children = withChildren ? (f[13] ?? 0) + (f[14] ?? 0) : 0;
  return (own + children) * TICK_MS;
}

export function rssBytes(pid: number): number | null {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Processes created since boot (`processes` in /proc/stat): forks, system-wide. */
export function forksSinceBoot(): number {
  const line = fs.readFileSync('/proc/stat', 'latin1').split('\n').find((l) => l.startsWith('processes '));
  return Number(line?.split(' ')[1] ?? NaN);
}

export function processCount(): number {
  return fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).length;
}

export const quantile = (values: readonly number[], q: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
