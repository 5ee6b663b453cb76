/**
 * Time travel: the Processes and Apps tabs show the machine as the history store has it at a past
 * moment. `travelSnapshot` is pure: a Snapshot-like view from `processesAt`'s rows, for the grids
 * (which read a Snapshot). `goToTime` asks the host and hands the answer to the store.
 */
import type { TaskManagerApi } from '../../src-shared/api.ts';
import type { ProcessesAt } from '../../src-shared/query.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import type { StoreApi } from 'zustand';
import type { Store } from './store.ts';

/**
 * The grids' view of `at`: its processes and apps and its moment. The rest describes the machine,
 * not the moment (the logical CPU count, memory size and GPUs the columns are judged by), so it is
 * the live snapshot's; the machine-wide figures of that moment are not asked for, so they are
 * unknown (null), and the column totals are not shown in the past (ProcessesTab).
 */
export function travelSnapshot(at: ProcessesAt, live: Snapshot | null): Snapshot {
  const base = live ?? EMPTY_MACHINE;
  let threads = 0;
  for (const p of at.processes) threads += p.threads ?? 0;
  return {
    ...base,
    seq: Math.max(2, base.seq), // measured rows: the columns judge them as after the first sample
    takenAtMs: at.takenAtMs,
    self: { cpuPercent: null, memoryBytes: null },
    cpu: { ...base.cpu, totalPercent: null, kernelPercent: null, perCorePercent: base.cpu.perCorePercent.map(() => null), speedMhz: null },
    disks: [],
    volumes: [],
    network: [],
    totals: { processes: at.processes.length, threads, handles: null },
    processes: at.processes,
    apps: at.apps,
  };
}

/** What the travel view assumes of a machine no live snapshot has described yet. */
const EMPTY_MACHINE: Snapshot = {
  seq: 1,
  takenAtMs: 0,
  intervalMs: 1_000,
  self: { cpuPercent: null, memoryBytes: null },
  cpu: { totalPercent: null, kernelPercent: null, perCorePercent: [], logicalCores: 1, model: null, speedMhz: null, uptimeSec: null },
  memory: {
    totalBytes: 0,
    usedBytes: 0,
    availableBytes: 0,
    cachedBytes: null,
    swapTotalBytes: null,
    swapUsedBytes: null,
    commitBytes: null,
    commitLimitBytes: null,
    modifiedBytes: null,
    standbyBytes: null,
    freeBytes: null,
    compressedBytes: null,
    pagedPoolBytes: null,
    nonPagedPoolBytes: null,
  },
  disks: [],
  volumes: [],
  network: [],
  gpus: [],
  totals: { processes: 0, threads: 0, handles: null },
  processes: [],
  apps: [],
};

/**
 * Shows the machine at `atMs` (ms since the epoch): the store says so at once (the tabs show the
 * banner and "loading"), then takes the host's answer. An answer that comes after the user moved
 * on (another moment, back to live) is dropped by the store.
 */
export async function goToTime(api: Pick<TaskManagerApi, 'query'>, store: StoreApi<Store>, atMs: number): Promise<void> {
  store.getState().startTravel(atMs);
  let result;
  try {
    result = await api.query({ kind: 'processesAt', atMs });
  } catch (error) {
    // The transport failed (a bug or a lost link): said in the banner, not thrown into React.
    result = { ok: false as const, code: 'INTERNAL' as const, message: error instanceof Error ? error.message : String(error) };
  }
  store.getState().ingestProcessesAt(atMs, result);
}
