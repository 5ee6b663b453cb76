/**
 * Per-minute usage (docs/definitions.md § History usage), pure: what each process identity, each
 * app and each executable used in a minute, accumulated from the writer's `TickRecord`s, then
 * merged into hours and ranges. No clock, no I/O: the store (history-usage-db.ts) writes what
 * `UsageAccumulator.add` hands back.
 *
 * A tick stands for its measured interval (the snapshot's `intervalMs`, at most a minute: after a
 * gap its figures are counted for a minute, never spread over time not recorded). A process not
 * in a tick's rows was idle (the recorder sends every active row): 0 CPU, I/O and GPU; its memory
 * is its latest sample's (at most a minute old: every minute's first tick lists every process).
 */
import type { TopBy, Usage } from '../../src-shared/query.ts';
import type { App } from '../../src-shared/snapshot.ts';
import type { IdentityRecord, SampleRow, TickRecord } from './history-recorder.ts';
import { identityKey } from './history-recorder.ts';
import { MINUTE_MS, stepStart } from './history-rollup.ts';

/** Additive figures of one process, app or executable over some time; null where never known. */
export interface UsageTotals {
  /** Time it existed within the recorded time, ms. */
  presentMs: number;
  cpuTimeMs: number;
  memoryPeakBytes: number | null;
  /** ∫ memory dt over the time it was known, byte·ms, and that time, ms (their ratio is the mean). */
  memoryByteMs: number;
  memoryKnownMs: number;
  diskReadBytes: number | null;
  diskWriteBytes: number | null;
  gpuTimeMs: number | null;
  netRxBytes: number | null;
  netTxBytes: number | null;
}

export interface ProcessUsageEntry {
  /** identityKey(pid, startTimeMs) */
  key: string;
  pid: number;
  startTimeMs: number;
  name: string;
  exePath: string | null;
  user: string | null;
  appName: string | null;
  totals: UsageTotals;
}

export interface GroupUsageEntry {
  kind: 'app' | 'executable';
  name: string;
  exePath: string | null;
  /** identityKey of each process it had. */
  members: Set<string>;
  totals: UsageTotals;
}

/** One minute (or hour, or range) of usage. */
export interface UsageBucket {
  startMs: number;
  /** Recorded time, ms (Σ of the ticks' intervals). */
  recordedMs: number;
  /** Σ logical CPUs × interval, ms: what 100 % CPU of the whole machine would have used. */
  capacityMs: number;
  processes: Map<string, ProcessUsageEntry>;
  groups: Map<string, GroupUsageEntry>;
}

export function emptyTotals(): UsageTotals {
  return { presentMs: 0, cpuTimeMs: 0, memoryPeakBytes: null, memoryByteMs: 0, memoryKnownMs: 0, diskReadBytes: null, diskWriteBytes: null, gpuTimeMs: null, netRxBytes: null, netTxBytes: null };
}

export function emptyBucket(startMs: number): UsageBucket {
  return { startMs, recordedMs: 0, capacityMs: 0, processes: new Map(), groups: new Map() };
}

const addNullable = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);
const maxNullable = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** `into` += `from` (sums; peaks are the larger). */
export function addTotals(into: UsageTotals, from: UsageTotals): void {
  into.presentMs += from.presentMs;
  into.cpuTimeMs += from.cpuTimeMs;
  into.memoryPeakBytes = maxNullable(into.memoryPeakBytes, from.memoryPeakBytes);
  into.memoryByteMs += from.memoryByteMs;
  into.memoryKnownMs += from.memoryKnownMs;
  into.diskReadBytes = addNullable(into.diskReadBytes, from.diskReadBytes);
  into.diskWriteBytes = addNullable(into.diskWriteBytes, from.diskWriteBytes);
  into.gpuTimeMs = addNullable(into.gpuTimeMs, from.gpuTimeMs);
  into.netRxBytes = addNullable(into.netRxBytes, from.netRxBytes);
  into.netTxBytes = addNullable(into.netTxBytes, from.netTxBytes);
}

/** What one sample row used over `weightMs`: rates × time; CPU % of the whole machine × logical CPUs. */
export function rowUsage(row: SampleRow, weightMs: number, logicalCores: number): Omit<UsageTotals, 'presentMs' | 'memoryPeakBytes' | 'memoryByteMs' | 'memoryKnownMs'> {
  const bytes = (perSec: number | null) => (perSec === null ? null : (perSec * weightMs) / 1_000);
  return {
    cpuTimeMs: ((row.cpuPercent ?? 0) / 100) * logicalCores * weightMs,
    diskReadBytes: bytes(row.ioReadBytesPerSec),
    diskWriteBytes: bytes(row.ioWriteBytesPerSec),
    gpuTimeMs: row.gpuPercent === null ? null : (row.gpuPercent / 100) * weightMs,
    netRxBytes: bytes(row.netRxBytesPerSec),
    netTxBytes: bytes(row.netTxBytesPerSec),
  };
}

/** Adds one tick's presence (and memory, when known) of `memoryBytes` over `weightMs`. */
function addPresence(totals: UsageTotals, memoryBytes: number | null, weightMs: number): void {
  totals.presentMs += weightMs;
  if (memoryBytes === null) return;
  totals.memoryPeakBytes = maxNullable(totals.memoryPeakBytes, memoryBytes);
  totals.memoryByteMs += memoryBytes * weightMs;
  totals.memoryKnownMs += weightMs;
}

/** The executable a process belongs to: its path, else its name. */
export function executableKey(identity: Pick<IdentityRecord, 'name' | 'exePath'>): string {
  return `exe:${identity.exePath ?? identity.name}`;
}
export function appKey(appName: string): string {
  return `app:${appName}`;
}
/** The file name of a path (either separator). */
export function fileNameOf(exePath: string): string {
  return exePath.split(/[\\/]/).at(-1) ?? exePath;
}

/**
 * Accumulates ticks into minutes. `add` returns the minutes that ended before the tick (oldest
 * first; none until a tick of a later minute arrives). `current()` is the minute under way.
 */
/** A group's memory at the tick being added (the sum of its members'), and which tick that is. */
interface GroupTally {
  group: GroupUsageEntry;
  memoryBytes: number | null;
  tick: number;
}

/** What a process adds to in the minute: its entry and its groups (found once a minute, not each tick). */
interface Slot {
  entry: ProcessUsageEntry;
  tallies: GroupTally[];
}

export class UsageAccumulator {
  private bucket: UsageBucket | null = null;
  private readonly identities = new Map<string, IdentityRecord>();
  /** Alive processes and their latest memory. */
  private alive = new Map<string, number | null>();
  /** Each process's app, from the last complete tick's apps. */
  private appOf = new Map<string, App>();
  /** Of the minute under way (emptied when a complete tick may change the apps). */
  private slots = new Map<string, Slot>();
  private tallies = new Map<string, GroupTally>();
  private tickCount = 0;

  add(tick: TickRecord): UsageBucket[] {
    const ended: UsageBucket[] = [];
    const minute = stepStart(tick.t, MINUTE_MS);
    if (this.bucket && this.bucket.startMs !== minute) {
      ended.push(this.bucket);
      this.bucket = null;
    }
    if (!this.bucket || tick.isComplete) {
      this.slots = new Map();
      this.tallies = new Map();
    }
    const bucket = (this.bucket ??= emptyBucket(minute));
    const weightMs = Math.min(tick.point.intervalMs, MINUTE_MS);
    const cores = tick.point.cpu.logicalCores;
    const tickId = ++this.tickCount;
    bucket.recordedMs += weightMs;
    bucket.capacityMs += weightMs * cores;
    for (const identity of tick.identities) this.identities.set(identityKey(identity.pid, identity.startTimeMs), identity);
    if (tick.isComplete) {
      this.alive = new Map();
      this.appOf = new Map();
      for (const app of tick.apps ?? []) for (const member of app.members) this.appOf.set(identityKey(member.pid, member.startTimeMs), app);
    } else {
      for (const identity of tick.identities) {
        const key = identityKey(identity.pid, identity.startTimeMs);
        if (!this.alive.has(key)) this.alive.set(key, null);
      }
    }
    for (const exit of tick.exits) this.alive.delete(identityKey(exit.pid, exit.startTimeMs));
    const rowsByKey = new Map<string, SampleRow>();
    for (const row of tick.rows) {
      const key = identityKey(row.pid, row.startTimeMs);
      rowsByKey.set(key, row);
      this.alive.set(key, row.memoryBytes);
    }
    const touched: GroupTally[] = [];
    for (const [key, memoryBytes] of this.alive) {
      const slot = this.slotOf(bucket, key);
      if (!slot) continue; // never named: cannot happen (a writer's first tick names every process), but no name, no entry
      addPresence(slot.entry.totals, memoryBytes, weightMs);
      const row = rowsByKey.get(key);
      const used = row ? { ...emptyTotals(), ...rowUsage(row, weightMs, cores) } : null;
      if (used) addTotals(slot.entry.totals, used);
      for (const tally of slot.tallies) {
        if (tally.tick !== tickId) {
          tally.tick = tickId;
          tally.memoryBytes = null;
          touched.push(tally);
        }
        if (used) addTotals(tally.group.totals, used);
        tally.memoryBytes = addNullable(tally.memoryBytes, memoryBytes);
      }
    }
    // An app's memory at a tick is the sum of its members' (each as of its latest sample).
    for (const tally of touched) addPresence(tally.group.totals, tally.memoryBytes, weightMs);
    for (const exit of tick.exits) this.identities.delete(identityKey(exit.pid, exit.startTimeMs));
    // A complete tick names every process: an identity not in it has gone (an exit the writer missed).
    if (tick.isComplete) for (const key of this.identities.keys()) if (!this.alive.has(key)) this.identities.delete(key);
    return ended;
  }

  private slotOf(bucket: UsageBucket, key: string): Slot | null {
    const known = this.slots.get(key);
    if (known) return known;
    const identity = this.identities.get(key);
    if (!identity) return null;
    const app = this.appOf.get(key);
    let entry = bucket.processes.get(key);
    if (!entry) {
      entry = { key, pid: identity.pid, startTimeMs: identity.startTimeMs, name: identity.name, exePath: identity.exePath, user: identity.user, appName: app?.name ?? null, totals: emptyTotals() };
      bucket.processes.set(key, entry);
    }
    const groups: [string, GroupUsageEntry['kind'], string, string | null][] = [[executableKey(identity), 'executable', identity.exePath ? fileNameOf(identity.exePath) : identity.name, identity.exePath]];
    if (app) groups.push([appKey(app.name), 'app', app.name, identity.exePath]);
    const tallies = groups.map(([groupKey, kind, name, exePath]) => {
      let tally = this.tallies.get(groupKey);
      if (!tally) {
        const group = bucket.groups.get(groupKey) ?? { kind, name, exePath, members: new Set<string>(), totals: emptyTotals() };
        bucket.groups.set(groupKey, group);
        tally = { group, memoryBytes: null, tick: 0 };
        this.tallies.set(groupKey, tally);
      }
      tally.group.members.add(key);
      return tally;
    });
    const slot = { entry, tallies };
    this.slots.set(key, slot);
    return slot;
  }

  /** The minute under way (null before the first tick). Not a copy: read it, don't keep it. */
  current(): UsageBucket | null {
    return this.bucket;
  }

  /** Forgets the minute under way (its usage was deleted); the processes alive are still known. */
  forgetMinute(): void {
    this.bucket = null;
    this.slots = new Map();
    this.tallies = new Map();
  }
}

/** `into` += `from`: an hour from its minutes, a range from its hours and minutes. */
export function mergeBucket(into: UsageBucket, from: UsageBucket): void {
  into.recordedMs += from.recordedMs;
  into.capacityMs += from.capacityMs;
  for (const [key, entry] of from.processes) {
    const known = into.processes.get(key);
    if (known) {
      addTotals(known.totals, entry.totals);
      known.appName = entry.appName ?? known.appName;
    } else into.processes.set(key, { ...entry, totals: { ...entry.totals } });
  }
  for (const [key, group] of from.groups) {
    const known = into.groups.get(key);
    if (known) {
      addTotals(known.totals, group.totals);
      for (const member of group.members) known.members.add(member);
    } else into.groups.set(key, { ...group, members: new Set(group.members), totals: { ...group.totals } });
  }
}

const hasUsed = (t: UsageTotals) => t.cpuTimeMs > 0 || !!t.diskReadBytes || !!t.diskWriteBytes || !!t.gpuTimeMs || !!t.netRxBytes || !!t.netTxBytes;

function topByMemory<T extends { totals: UsageTotals }>(entries: readonly T[], count: number): Set<T> {
  return new Set(
    entries
      .filter((e) => e.totals.memoryPeakBytes !== null)
      .sort((a, b) => (b.totals.memoryPeakBytes ?? 0) - (a.totals.memoryPeakBytes ?? 0))
      .slice(0, count),
  );
}

/**
 * The processes of a minute worth keeping for its first 7 days: every one that used anything
 * (CPU, disk, GPU, network), and the top `memoryTop` by peak memory (so that "top N by memory"
 * over any range, N ≤ `memoryTop`, is exact: a process among a range's top N by peak is among its
 * peak minute's top N).
 */
export function keptProcesses<T extends { totals: UsageTotals }>(entries: readonly T[], memoryTop: number): T[] {
  const top = topByMemory(entries, memoryTop);
  return entries.filter((e) => hasUsed(e.totals) || top.has(e));
}

/** A minute's processes kept past 7 days (to 30): above `cpuPercent` of the machine that minute (capacity `capacityMs`), or in the top `memoryTop` by memory. */
export function thinnedProcesses<T extends { totals: UsageTotals }>(entries: readonly T[], capacityMs: number, cpuPercent: number, memoryTop: number): T[] {
  const top = topByMemory(entries, memoryTop);
  return entries.filter((e) => top.has(e) || (capacityMs > 0 && (100 * e.totals.cpuTimeMs) / capacityMs > cpuPercent));
}

/** The contract's figures of `totals` over a range whose capacity (Σ logical CPUs × recorded time) is `capacityMs`. */
export function usageOf(totals: UsageTotals, capacityMs: number): Usage {
  return {
    cpuTimeMs: totals.cpuTimeMs,
    cpuPercentMean: capacityMs > 0 ? (100 * totals.cpuTimeMs) / capacityMs : 0,
    memoryPeakBytes: totals.memoryPeakBytes,
    memoryMeanBytes: totals.memoryKnownMs > 0 ? totals.memoryByteMs / totals.memoryKnownMs : null,
    diskReadBytes: totals.diskReadBytes,
    diskWriteBytes: totals.diskWriteBytes,
    gpuTimeMs: totals.gpuTimeMs,
    netRxBytes: totals.netRxBytes,
    netTxBytes: totals.netTxBytes,
  };
}

/** What `by` ranks: CPU time, peak memory, bytes read + written (unknown ranks last). */
export function rankValue(totals: UsageTotals, by: TopBy): number {
  switch (by) {
    case 'cpu':
      return totals.cpuTimeMs;
    case 'memory':
      return totals.memoryPeakBytes ?? -1;
    case 'disk':
      return totals.diskReadBytes === null && totals.diskWriteBytes === null ? -1 : (totals.diskReadBytes ?? 0) + (totals.diskWriteBytes ?? 0);
  }
}

/** The top `limit` of `entries` by `by`, highest first (ties by name, then key: a stable answer). */
export function topOf<T extends { name: string; totals: UsageTotals }>(entries: Iterable<T>, by: TopBy, limit: number, keyOf: (entry: T) => string): T[] {
  return [...entries]
    .sort((a, b) => rankValue(b.totals, by) - rankValue(a.totals, by) || a.name.localeCompare(b.name) || keyOf(a).localeCompare(keyOf(b)))
    .slice(0, limit);
}
