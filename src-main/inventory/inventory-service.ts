/**
 * The inventory for the hosts: read once per boot in its own process (inventory-reader.ts), kept
 * on disk for the boot (inventory-cache.ts), read again when a disk, network interface or GPU
 * appears or leaves (debounced, hardware-change.ts), and mapped to the latest snapshot's devices.
 * A read that failed shows every fact missing with why, and is tried again after a minute (twice).
 *
 * Never on the tick: a snapshot only updates what the service knows (a set comparison, a timer);
 * the read runs in another process and its answer arrives when it arrives. Until then `current()`
 * is null and the page shows the load figures without the facts. Even the spawn (tens of ms cold)
 * waits until the first snapshot has gone out (or `firstReadFallbackMs` has passed without one),
 * so the first rows never wait for it, and the read can be matched to the devices at once.
 */
import type { Inventory } from '../../src-shared/inventory.ts';
import { readBootId } from './boot-id.ts';
import { deviceKey, hasHardwareChanged } from './hardware-change.ts';
import { loadCachedRead, saveCachedRead } from './inventory-cache.ts';
import type { InventoryLauncher } from './inventory-launcher.ts';
import { failedInventory, mapInventory, type SnapshotFacts } from './inventory-map.ts';
import { DEFAULT_DEADLINE_MS, readInventoryOnce, type ReadOutcome } from './inventory-reader.ts';
import type { ChildOutput } from './si-results.ts';

/**
 * What the hosts read the inventory through (src-main/core/inventory-source.ts on the transport's
 * branch defines the same shape; the two are reconciled on merge).
 */
export interface InventorySource {
  current(): Inventory | null;
  onChange(listener: (inventory: Inventory) => void): () => void;
}

export interface InventoryService extends InventorySource {
  /** Stops watching snapshots and ends a read in flight with everything it started. */
  stop(): void;
}

/** `CollectorSupervisor.onSnapshot` fits: subscribe, get an unsubscribe back. */
export type SnapshotFeed = (listener: (snapshot: SnapshotFacts) => void) => () => void;

export const DEFAULT_DEBOUNCE_MS = 5000;
export const DEFAULT_FIRST_READ_FALLBACK_MS = 3000;
/** A read that failed (PowerShell slow at logon, a tool stuck once) is tried again after 1 min, at most twice. */
export const RETRY_AFTER_FAILURE_MS = 60_000;
export const MAX_RETRIES = 2;

export interface InventoryOptions {
  /** Where the read is kept for the boot (the app's userData, the host's state folder); null keeps nothing. */
  cacheDir: string | null;
  snapshots: SnapshotFeed;
  /** How long the read may take before its process group is killed (20 s). */
  deadlineMs?: number;
  /** How long the devices must stay changed before reading again (5 s: a flapping USB link reads once). */
  debounceMs?: number;
  /** With no read kept for this boot, read this long after start if no snapshot has come by then (3 s). */
  firstReadFallbackMs?: number;
  /** How the child is started: node, detached (the headless host), or the Electron app's utilityProcess launcher. */
  launch?: InventoryLauncher;
  /** Injected in tests; the real child otherwise. The signal is aborted by `stop()`. */
  read?: (deadlineMs: number, signal: AbortSignal) => Promise<ReadOutcome>;
  bootId?: string;
  nowMs?: () => number;
  timers?: { setTimeout: (callback: () => void, ms: number) => unknown; clearTimeout: (handle: unknown) => void };
}

interface Known {
  /** The child's output, or why there is none. */
  result: { ok: true; output: ChildOutput } | { ok: false; error: string };
  readAtMs: number;
  readMs: number;
  /** The snapshot devices the read was made against; null when no snapshot had come yet. */
  readKey: string | null;
}

export function startInventory(options: InventoryOptions): InventoryService {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const read = options.read ?? ((ms: number, signal: AbortSignal) => readInventoryOnce({ deadlineMs: ms, signal, ...(options.launch ? { launch: options.launch } : {}) }));
  const nowMs = options.nowMs ?? (() => Date.now());
  const timers = options.timers ?? { setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  const bootId = options.bootId ?? readBootId();
  const listeners = new Set<(inventory: Inventory) => void>();

  let known: Known | null = null;
  let latest: SnapshotFacts | null = null;
  let latestKey: string | null = null;
  let inventory: Inventory | null = null;
  let mappedKey: string | null = null;
  let isReading = false;
  let isStopped = false;
  const stopping = new AbortController();
  let pending: { key: string; handle: unknown } | null = null;
  /** Set until the first read has started, when no read was kept for this boot. */
  let firstRead: unknown = null;
  /** Reads that failed in a row; a success or a hardware change starts the count again. */
  let failuresInRow = 0;
  let retry: unknown = null;

  const remap = () => {
    if (!known) return;
    const meta = { bootId, readAtMs: known.readAtMs, readMs: known.readMs };
    inventory = known.result.ok ? mapInventory(known.result.output, latest, meta) : failedInventory(known.result.error, latest, meta);
    mappedKey = latestKey;
    for (const listener of listeners) listener(inventory);
  };

  const cancelPending = () => {
    if (pending) timers.clearTimeout(pending.handle);
    pending = null;
  };

  const readNow = () => {
    cancelPending();
    for (const handle of [firstRead, retry]) if (handle !== null) timers.clearTimeout(handle);
    firstRead = null;
    retry = null;
    isReading = true;
    const keyAtStart = latestKey;
    void read(deadlineMs, stopping.signal).then((outcome) => {
      isReading = false;
      if (isStopped) return;
      const readKey = keyAtStart ?? latestKey;
      known = { result: outcome.ok ? { ok: true, output: outcome.output } : { ok: false, error: outcome.error }, readAtMs: nowMs(), readMs: outcome.wallMs, readKey };
      if (outcome.ok && options.cacheDir !== null) {
        try {
          saveCachedRead(options.cacheDir, { bootId, readAtMs: known.readAtMs, readMs: known.readMs, devicesKey: readKey, output: outcome.output });
        } catch {
          // A folder we cannot write only costs the next start a read.
        }
      }
      remap();
      failuresInRow = outcome.ok ? 0 : failuresInRow + 1;
      if (!outcome.ok && failuresInRow <= MAX_RETRIES) {
        retry = timers.setTimeout(() => {
          retry = null;
          if (!isStopped) readNow();
        }, RETRY_AFTER_FAILURE_MS);
      }
      considerReading();
    });
  };

  /** Reads again once the devices have differed from the read's for `debounceMs`, never at once. */
  const considerReading = () => {
    if (isReading || isStopped || !known || latestKey === null) return;
    if (!hasHardwareChanged(known.readKey, latestKey)) {
      cancelPending();
      return;
    }
    if (pending?.key === latestKey) return;
    cancelPending();
    const key = latestKey;
    const handle = timers.setTimeout(() => {
      pending = null;
      if (latestKey !== key || isStopped) return;
      failuresInRow = 0;
      readNow();
    }, debounceMs);
    pending = { key, handle };
  };

  const observe = (snapshot: SnapshotFacts) => {
    const isFirst = latest === null;
    latest = snapshot;
    latestKey = deviceKey(snapshot);
    if (isFirst && firstRead !== null) {
      // After this snapshot's other listeners (the page's first rows) have run.
      timers.clearTimeout(firstRead);
      firstRead = timers.setTimeout(readNow, 0);
    }
    if (known && known.readKey === null) known.readKey = latestKey;
    // Mapping is pure and cheap, but only the first snapshot and changed devices need it.
    if (known && (inventory === null || mappedKey !== latestKey)) remap();
    considerReading();
  };

  const cached = options.cacheDir === null ? null : loadCachedRead(options.cacheDir, bootId);
  if (cached) {
    known = { result: { ok: true, output: cached.output }, readAtMs: cached.readAtMs, readMs: cached.readMs, readKey: cached.devicesKey };
    remap();
  } else {
    firstRead = timers.setTimeout(readNow, options.firstReadFallbackMs ?? DEFAULT_FIRST_READ_FALLBACK_MS);
  }
  const unsubscribe = options.snapshots(observe);

  return {
    current: () => inventory,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => {
      isStopped = true;
      stopping.abort();
      cancelPending();
      for (const handle of [firstRead, retry]) if (handle !== null) timers.clearTimeout(handle);
      unsubscribe();
    },
  };
}
