/**
 * Test support: processes a test creates, and only those, are signalled. Every child is spawned
 * as the leader of a new process group (which its descendants inherit) and recorded; when the test
 * is done the group is ended while its leader is not yet reaped, so the group id can't belong to
 * anyone else. Nothing is ever killed by name.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const owned = new Set<ChildProcess>();

export function spawnOwned(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'], ...options, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  owned.add(child);
  return child;
}

const isUnreaped = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Ends an owned child and its whole process group, and waits until the child is reaped. */
export async function endOwned(child: ChildProcess): Promise<void> {
  if (!owned.delete(child) || child.pid === undefined) return;
  if (isUnreaped(child)) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
    await exited;
  }
  child.stdin?.destroy();
  child.stdout?.destroy();
}

export async function endAllOwned(): Promise<void> {
  await Promise.all([...owned].map((child) => endOwned(child)));
}

/** Resolves with the first line the child prints on stdout that matches. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      const line = lines.find((l) => pattern.test(l));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(line);
      }
    });
  });
}

export async function waitUntil(predicate: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
