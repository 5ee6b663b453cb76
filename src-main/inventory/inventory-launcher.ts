/**
 * How the inventory child is started and, at the deadline, ended together with everything it
 * started (a hung PowerShell, lsblk, dmidecode).
 *
 * - The headless host (plain Node): `nodeInventoryLauncher` spawns it with node, detached, as the
 *   leader of its own process group; ending it kills the group.
 * - The Electron app cannot do that: its fuses turn `ELECTRON_RUN_AS_NODE` off, so spawning
 *   `process.execPath` would start a second app. It injects a launcher over `utilityProcess.fork`
 *   (stdio 'pipe'), whose `killTree` is `killProcessTree(pid)`: the child is no group leader there.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Readable } from 'node:stream';

export interface InventoryChild {
  readonly pid: number | undefined;
  readonly stdout: Readable | null;
  /** Once, when it has ended: null for exit code 0, else how ("exit code 1", "SIGKILL"). */
  onExit(listener: (how: string | null) => void): void;
  /** Once, if it could not be started. */
  onError(listener: (message: string) => void): void;
  isRunning(): boolean;
  /** Ends the child and everything it started. */
  killTree(): void;
}

export type InventoryLauncher = (entry: string, env: Record<string, string>) => InventoryChild;

/** Direct children of each process, from /proc (Linux). */
function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'latin1');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // Gone since the listing.
    }
  }
  return children;
}

/**
 * Kills a process and its descendants. Windows: `taskkill /T` (by parent pid, as Windows has no
 * groups to signal). Elsewhere: its group when it leads one (spawned detached), else each
 * descendant found in /proc, then itself. Call only while `pid` is unreaped, so it is still ours.
 */
export function killProcessTree(pid: number, isGroupLeader: boolean): void {
  if (process.platform === 'win32') {
    execFile('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true }, () => undefined);
    return;
  }
  const signal = (target: number) => {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  if (isGroupLeader) return signal(-pid);
  if (process.platform === 'linux') {
    const children = childrenByParent();
    const descendants: number[] = [];
    for (let queue = [pid]; queue.length > 0; ) {
      const next = children.get(queue.shift() ?? -1) ?? [];
      descendants.push(...next);
      queue = [...queue, ...next];
    }
    // The parent first, so it cannot start new children while the others are ended.
    signal(pid);
    descendants.forEach(signal);
    return;
  }
  signal(pid);
}

export const nodeInventoryLauncher: InventoryLauncher = (entry, env) => {
  const child = spawn(process.execPath, [entry], { detached: true, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true, env: { ...process.env, ...env } });
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid,
    stdout: child.stdout,
    onExit: (listener) => child.once('exit', (code, signal) => listener(signal ?? (code === 0 ? null : `exit code ${code ?? '?'}`))),
    onError: (listener) => child.once('error', (error) => listener(error.message)),
    isRunning,
    killTree: () => {
      if (child.pid !== undefined && isRunning()) killProcessTree(child.pid, true);
    },
  };
};

/** The parts of Electron's `utilityProcess.fork` result used here (src-main/inventory imports no electron). */
export interface UtilityInventoryChild {
  readonly pid?: number | undefined;
  readonly stdout: Readable | null;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

export type ForkInventoryUtility = (
  modulePath: string,
  args: string[],
  options: { serviceName: string; stdio: ['ignore', 'pipe', 'ignore']; env: Record<string, string | undefined> },
) => UtilityInventoryChild;

/**
 * The Electron app's launcher: `utilityInventoryLauncher((...a) => utilityProcess.fork(...a))`. A
 * utility process leads no process group, so its tree is ended by pid (`killProcessTree`).
 */
export function utilityInventoryLauncher(fork: ForkInventoryUtility, killTree: (pid: number, isGroupLeader: boolean) => void = killProcessTree): InventoryLauncher {
  return (entry, env) => {
    const child = fork(entry, [], { serviceName: 'Task Manager inventory', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...env } });
    let hasExited = false;
    child.on('exit', () => (hasExited = true));
    return {
      // Known once the process has spawned: read when needed.
      get pid() {
        return child.pid;
      },
      stdout: child.stdout,
      onExit: (listener) => child.on('exit', (code) => listener(code === 0 ? null : `exit code ${code}`)),
      // A utility process that cannot start ends with an exit code; nothing else to listen to.
      onError: () => undefined,
      isRunning: () => !hasExited,
      killTree: () => {
        if (!hasExited && child.pid !== undefined) killTree(child.pid, false);
      },
    };
  };
}
