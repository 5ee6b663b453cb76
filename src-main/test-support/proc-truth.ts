/**
 * Test support: ground truth read straight from /proc by the test itself, with its own minimal
 * parsing (independent of the collector's parsers), to compare the collector against.
 */
import fs from 'node:fs';

function statFields(pid: number): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime of a process, in clock ticks (USER_HZ = 100 on this kind of machine). */
export function cpuTicks(pid: number): number | null {
  const f = statFields(pid);
  return f ? Number(f[11]) + Number(f[12]) : null;
}

export function stateLetter(pid: number): string | null {
  return statFields(pid)?.[0] ?? null;
}

export function ppidOf(pid: number): number | null {
  const f = statFields(pid);
  return f ? Number(f[1]) : null;
}

/** A `Key:  value kB` line of /proc/<pid>/status, in bytes. */
export function statusKb(pid: number, key: string): number | null {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${key}:`));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function ioWriteBytes(pid: number): number | null {
  try {
    const line = fs.readFileSync(`/proc/${pid}/io`, 'utf8').split('\n').find((l) => l.startsWith('write_bytes:'));
    return line ? Number(line.split(' ')[1]) : null;
  } catch {
    return null;
  }
}

/** Pids whose parent is `ppid`, from a scan of /proc. */
export function childrenOf(ppid: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (ppidOf(Number(entry)) === ppid) pids.push(Number(entry));
  }
  return pids;
}
