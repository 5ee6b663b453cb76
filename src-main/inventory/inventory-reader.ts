/**
 * Runs the inventory child (inventory-child.ts) with a deadline and parses its one JSON line.
 *
 * The child is the leader of its own process group (spawned detached), so at the deadline the
 * whole group is killed: a PowerShell, lsblk or dmidecode that systeminformation spawned and that
 * hangs dies with it, and nothing of the read outlives the read. Never on the sampling tick: the
 * caller awaits this off to the side (inventory-service.ts).
 */
import { spawn, execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childOutputSchema, type ChildOutput } from './si-results.ts';

export const DEFAULT_DEADLINE_MS = 20_000;
/** More than any machine's inventory; a child that prints more is not ours to trust. */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** The child's entry beside this module: the TypeScript source from src-main, the bundle from dist. */
export const INVENTORY_ENTRY = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  import.meta.url.endsWith('.ts') ? 'inventory-child.ts' : 'inventory-child.js',
);

export interface ReadOptions {
  deadlineMs?: number;
  entry?: string;
  /** Extra environment for the child (tests: `TASKMGR_INVENTORY_TEST=hang`). */
  env?: Record<string, string>;
  /** Told the child's pid (= its process group id) as soon as it starts; tests check the group is gone. */
  onStart?: (pid: number) => void;
}

export type ReadOutcome = { ok: true; output: ChildOutput; wallMs: number } | { ok: false; error: string; wallMs: number };

export function timedOutReason(deadlineMs: number): string {
  return `The read timed out after ${Math.round(deadlineMs / 100) / 10} s`;
}

/** The child's stdout → its parsed output, or why it is not usable. Pure. */
export function parseChildOutput(stdout: string): { ok: true; output: ChildOutput } | { ok: false; error: string } {
  const line = stdout.trim().split('\n').pop() ?? '';
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, error: 'The inventory read answered something unreadable' };
  }
  const parsed = childOutputSchema.safeParse(json);
  return parsed.success ? { ok: true, output: parsed.data } : { ok: false, error: 'The inventory read answered in an unexpected shape' };
}

function killGroup(pid: number): void {
  if (process.platform === 'win32') {
    // No process groups to signal on Windows: taskkill /T ends the tree the child started.
    execFile('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true }, () => undefined);
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

export function readInventoryOnce(options: ReadOptions = {}): Promise<ReadOutcome> {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const startMs = performance.now();
  const elapsed = () => Math.round(performance.now() - startMs);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [options.entry ?? INVENTORY_ENTRY], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
      windowsHide: true,
      // Inside Electron, execPath is the app: this makes it a plain Node for the child.
      env: { ...process.env, ...(process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}), ...options.env },
    });
    let stdout = '';
    let settled = false;
    const finish = (outcome: ReadOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const isRunning = () => child.exitCode === null && child.signalCode === null;
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      // Only while the leader is unreaped: then its group id cannot belong to anyone else.
      if (child.pid !== undefined && isRunning()) {
        killGroup(child.pid);
      } else {
        // The child exited but something it started still holds its stdout open: stop waiting for it.
        child.stdout.destroy();
        finish({ ok: false, error: timedOutReason(deadlineMs), wallMs: elapsed() });
      }
    }, deadlineMs);
    if (child.pid !== undefined) options.onStart?.(child.pid);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > MAX_OUTPUT_BYTES && child.pid !== undefined && isRunning()) killGroup(child.pid);
    });
    child.on('error', (error) => finish({ ok: false, error: `The inventory read could not start: ${error.message}`, wallMs: elapsed() }));
    child.on('close', (code, signal) => {
      if (timedOut) return finish({ ok: false, error: timedOutReason(deadlineMs), wallMs: elapsed() });
      const parsed = parseChildOutput(stdout);
      if (parsed.ok) return finish({ ok: true, output: parsed.output, wallMs: elapsed() });
      if (code !== 0 || signal !== null) return finish({ ok: false, error: `The inventory read ended without an answer (${signal ?? `exit code ${code ?? '?'}`})`, wallMs: elapsed() });
      return finish({ ok: false, error: parsed.error, wallMs: elapsed() });
    });
  });
}
