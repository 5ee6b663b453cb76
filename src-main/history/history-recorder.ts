/**
 * What of each snapshot the history store records, picked on the host's thread so the message to
 * the writer (history-worker.ts) stays small: the system figures, the rows of processes that were
 * active (CPU, I/O or GPU not exactly 0, or a first sample whose CPU is not known yet) or whose
 * state changed, every row
 * once a minute (the complete list, with the minute's apps), each identity's fixed text once, and
 * the starts and exits since the previous tick. Cheap and synchronous: a few set look-ups per row.
 */
import type { SystemPoint } from '../../src-shared/query.ts';
import type { App, ProcessRow, ProcessState, Snapshot } from '../../src-shared/snapshot.ts';
import { systemPointOf } from '../core/recent-series-ring.ts';
import { MINUTE_MS, stepStart } from './history-rollup.ts';

/** A process's figures at one tick (its fixed text travels once, in `IdentityRecord`). */
export type SampleRow = Omit<ProcessRow, 'name' | 'user' | 'commandLine' | 'exePath' | 'description' | 'publisher'>;
export type IdentityRecord = Pick<ProcessRow, 'pid' | 'startTimeMs' | 'name' | 'user' | 'commandLine' | 'exePath' | 'description' | 'publisher'>;

export interface TickRecord {
  readonly t: number;
  readonly point: SystemPoint;
  /** True when `rows` is every process of the tick (the minute's complete list) and `apps` is set. */
  readonly isComplete: boolean;
  readonly rows: SampleRow[];
  readonly apps: App[] | null;
  /** Identities first seen at this tick, with their fixed text (also those seen again after a gap). */
  readonly identities: IdentityRecord[];
  /** Identities gone since the previous tick (process exits); empty on a first tick. */
  readonly exits: { pid: number; startTimeMs: number }[];
  /** Whether `identities` are process starts (false on a first tick: they were already running). */
  readonly areStarts: boolean;
}

/**
 * A row is active when a figure the 1 s samples exist for is moving, or not known yet. Network
 * counts (where the OS gives it per process): the per-minute usage integrates what the ticks carry,
 * and a download at 0 % CPU must not read as nothing.
 */
export function isActiveRow(row: ProcessRow): boolean {
  return row.cpuPercent === null || row.cpuPercent !== 0 || !!row.ioReadBytesPerSec || !!row.ioWriteBytesPerSec || !!row.gpuPercent || !!row.netRxBytesPerSec || !!row.netTxBytesPerSec;
}

/** The row's figures: its fixed text travels once, in `IdentityRecord`. An object literal, not a rest copy: 4 times quicker here. */
function sampleOf(row: ProcessRow): SampleRow {
  return {
    pid: row.pid,
    ppid: row.ppid,
    startTimeMs: row.startTimeMs,
    state: row.state,
    cpuPercent: row.cpuPercent,
    memoryBytes: row.memoryBytes,
    residentBytes: row.residentBytes,
    commitBytes: row.commitBytes,
    threads: row.threads,
    handles: row.handles,
    ioReadBytesPerSec: row.ioReadBytesPerSec,
    ioWriteBytesPerSec: row.ioWriteBytesPerSec,
    netRxBytesPerSec: row.netRxBytesPerSec,
    netTxBytesPerSec: row.netTxBytesPerSec,
    gpuPercent: row.gpuPercent,
    gpuMemoryBytes: row.gpuMemoryBytes,
    priority: row.priority,
    isEfficiencyMode: row.isEfficiencyMode,
    services: row.services,
  };
}

export function identityKey(pid: number, startTimeMs: number): string {
  return `${pid}:${startTimeMs}`;
}

/** What the recorder knows of the process holding a pid. */
interface Seen {
  startTimeMs: number;
  state: ProcessState;
  /** The last tick (the recorder's count) it was in. */
  tick: number;
}

/**
 * Runs on the host's thread each tick: it keeps one entry per pid from tick to tick, updated in
 * place (no key strings, no new map each tick), so a tick at 500 processes costs a few hundred
 * microseconds (bench/history-bench.ts measures it with the message's clone).
 */
export class HistoryRecorder {
  /** Each pid of the previous tick: its identity's start and its state then. */
  private seen = new Map<number, Seen>();
  private ticks = 0;
  private lastCompleteMinute = Number.NaN;
  private lastT = Number.NaN;

  /** Forget the previous tick: the next record is complete and lists every identity (a new writer). */
  reset(): void {
    this.seen = new Map();
    this.lastCompleteMinute = Number.NaN;
    this.lastT = Number.NaN;
  }

  /** What to record of `snapshot`, or null for one not newer than the last (the wall clock stepped back). */
  record(snapshot: Snapshot): TickRecord | null {
    const t = snapshot.takenAtMs;
    if (t <= this.lastT) return null;
    const isFirst = Number.isNaN(this.lastT);
    this.lastT = t;
    const minute = stepStart(t, MINUTE_MS);
    const isComplete = minute !== this.lastCompleteMinute;
    if (isComplete) this.lastCompleteMinute = minute;
    const tick = ++this.ticks;
    const identities: IdentityRecord[] = [];
    const rows: SampleRow[] = [];
    const exits: { pid: number; startTimeMs: number }[] = [];
    for (const row of snapshot.processes) {
      let seen = this.seen.get(row.pid);
      let previousState: ProcessState | undefined = seen?.state;
      if (seen === undefined || seen.startTimeMs !== row.startTimeMs) {
        // A pid reused since the previous tick: the process that had it is gone.
        if (seen !== undefined) exits.push({ pid: row.pid, startTimeMs: seen.startTimeMs });
        previousState = undefined;
        identities.push({ pid: row.pid, startTimeMs: row.startTimeMs, name: row.name, user: row.user, commandLine: row.commandLine, exePath: row.exePath, description: row.description, publisher: row.publisher });
        seen = { startTimeMs: row.startTimeMs, state: row.state, tick };
        this.seen.set(row.pid, seen);
      }
      // A changed state is recorded too, so an idle row rebuilt from its last sample has the right one.
      if (isComplete || isActiveRow(row) || previousState !== row.state) rows.push(sampleOf(row));
      seen.state = row.state;
      seen.tick = tick;
    }
    for (const [pid, seen] of this.seen) {
      if (seen.tick === tick) continue;
      exits.push({ pid, startTimeMs: seen.startTimeMs });
      this.seen.delete(pid);
    }
    return { t, point: systemPointOf(snapshot), isComplete, rows, apps: isComplete ? snapshot.apps : null, identities, exits, areStarts: !isFirst };
  }
}
