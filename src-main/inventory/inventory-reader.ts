/**
 * Runs the inventory child (inventory-child.ts) with a deadline and parses its one JSON line.
 *
 * At the deadline the child is killed with everything it started (inventory-launcher.ts: its
 * process group under Node, its process tree under Electron): a PowerShell, lsblk or dmidecode
 * that systeminformation spawned and that hangs dies with it, and nothing of the read outlives the
 * read. Never on the sampling tick: the caller awaits this off to the side (inventory-service.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeInventoryLauncher, type InventoryLauncher } from './inventory-launcher.ts';
import { childOutputSchema, type ChildOutput } from './si-results.ts';

export const DEFAULT_DEADLINE_MS = 20_000;
/** More than any machine's inventory; a child that prints more is not ours to trust. */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/**
 * The child's entry: src-main/inventory/inventory-child.ts from the sources; from a bundle
 * (dist/host/serve.js, dist/main/main.js), dist/inventory/inventory-child.js: `..` of each.
 */
export const INVENTORY_ENTRY = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'inventory',
  import.meta.url.endsWith('.ts') ? 'inventory-child.ts' : 'inventory-child.js',
);

export interface ReadOptions {
  deadlineMs?: number;
  entry?: string;
  /** Extra environment for the child (tests: `TASKMGR_INVENTORY_TEST=hang`). */
  env?: Record<string, string>;
  /** Told the child's pid (= its process group id) as soon as it starts; tests check the group is gone. */
  onStart?: (pid: number) => void;
  /** How the child is started (inventory-launcher.ts): node, detached, by default; the Electron app injects utilityProcess. */
  launch?: InventoryLauncher;
  /** Aborted when the host stops: the child and what it started are ended at once. */
  signal?: AbortSignal;
}

export const STOPPED_REASON = 'The read was stopped';

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

export function readInventoryOnce(options: ReadOptions = {}): Promise<ReadOutcome> {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const startMs = performance.now();
  const elapsed = () => Math.round(performance.now() - startMs);
  return new Promise((resolve) => {
    const child = (options.launch ?? nodeInventoryLauncher)(options.entry ?? INVENTORY_ENTRY, options.env ?? {});
    let stdout = '';
    let settled = false;
    let timedOut = false;
    let exitHow: string | null | undefined;
    let isStdoutDone = child.stdout === null;
    const finish = (outcome: ReadOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', abort);
      resolve(outcome);
    };
    // Ended and every byte read: judge the answer.
    const settle = () => {
      if (exitHow === undefined || !isStdoutDone) return;
      if (timedOut) return finish({ ok: false, error: timedOutReason(deadlineMs), wallMs: elapsed() });
      const parsed = parseChildOutput(stdout);
      if (parsed.ok) return finish({ ok: true, output: parsed.output, wallMs: elapsed() });
      if (exitHow !== null) return finish({ ok: false, error: `The inventory read ended without an answer (${exitHow})`, wallMs: elapsed() });
      return finish({ ok: false, error: parsed.error, wallMs: elapsed() });
    };
    const deadline = setTimeout(() => {
      timedOut = true;
      if (child.isRunning()) {
        child.killTree();
      } else {
        // The child exited but something it started still holds its stdout open: stop waiting for it.
        child.stdout?.destroy();
        finish({ ok: false, error: timedOutReason(deadlineMs), wallMs: elapsed() });
      }
    }, deadlineMs);
    const abort = () => {
      if (child.isRunning()) child.killTree();
      child.stdout?.destroy();
      finish({ ok: false, error: STOPPED_REASON, wallMs: elapsed() });
    };
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    if (child.pid !== undefined) options.onStart?.(child.pid);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > MAX_OUTPUT_BYTES) child.killTree();
    });
    child.stdout?.on('close', () => {
      isStdoutDone = true;
      settle();
    });
    child.onError((message) => finish({ ok: false, error: `The inventory read could not start: ${message}`, wallMs: elapsed() }));
    child.onExit((how) => {
      exitHow = how;
      settle();
    });
  });
}
