/**
 * Per-process GPU utilisation from DRM engine counters. Pure.
 * Task Manager's semantics: a process's GPU % is that of its busiest engine.
 */
export function processGpuPercent(
  prev: ReadonlyMap<string, number> | null | undefined,
  next: ReadonlyMap<string, number> | null,
  intervalMs: number,
): number | null {
  if (!prev || !next || !(intervalMs > 0)) return null;
  let busiest: number | null = null;
  for (const [engine, ns] of next) {
    const before = prev.get(engine);
    if (before === undefined || ns < before) continue;
    const percent = ((ns - before) / (intervalMs * 1e6)) * 100;
    busiest = Math.max(busiest ?? 0, percent);
  }
  return busiest === null ? null : Math.min(100, busiest);
}

/** One `\GPU Engine(*)\Utilization Percentage` instance's value (Windows PDH), already a share of the interval. */
export interface GpuEngineUtilization {
  pid: number;
  /** The adapter: `luid_0x…_0x…_phys_N`. */
  adapterId: string;
  /** The engine type (`3D`, `Copy`, `VideoDecode`, …); several engines (eng_0, eng_1…) may share one. */
  engineType: string;
  percent: number;
}

export interface GpuUtilizationSummary {
  /** Per process: its busiest engine type's summed utilisation on one adapter, capped at 100. */
  byProcess: Map<number, number>;
  /** Per adapter: its busiest engine type's utilisation summed over processes and engines, capped at 100. */
  byAdapter: Map<string, number>;
  /**
   * Per adapter: every engine type's utilisation summed over processes and engines, capped at 100, by name
   * (a stable order: the instances PDH lists come and go with processes). A type the driver leaves unnamed
   * can't be labelled and is left out here; it still counts in `byAdapter`.
   */
  enginesByAdapter: Map<string, { name: string; utilizationPercent: number }[]>;
}

/**
 * Task Manager's GPU semantics over PDH engine instances: utilisation is summed per engine type (a
 * process's two copy engines, or every process's share of the 3D engine), and the busiest type is
 * the figure. Negative or non-finite readings (a torn counter) are skipped.
 */
export function summarizeGpuEngines(engines: readonly GpuEngineUtilization[]): GpuUtilizationSummary {
  const perProcessType = new Map<string, { pid: number; sum: number }>();
  const perAdapterType = new Map<string, { adapterId: string; engineType: string; sum: number }>();
  const byProcess = new Map<number, number>();
  const byAdapter = new Map<string, number>();
  for (const e of engines) {
    if (!Number.isFinite(e.percent) || e.percent < 0) continue;
    const processKey = `${e.pid}\u0000${e.adapterId}\u0000${e.engineType}`;
    const p = perProcessType.get(processKey) ?? { pid: e.pid, sum: 0 };
    p.sum += e.percent;
    perProcessType.set(processKey, p);
    const adapterKey = `${e.adapterId}\u0000${e.engineType}`;
    const a = perAdapterType.get(adapterKey) ?? { adapterId: e.adapterId, engineType: e.engineType, sum: 0 };
    a.sum += e.percent;
    perAdapterType.set(adapterKey, a);
    // Every adapter and process seen reads at least 0: an idle engine is 0 %, not unknown.
    if (!byProcess.has(e.pid)) byProcess.set(e.pid, 0);
    if (!byAdapter.has(e.adapterId)) byAdapter.set(e.adapterId, 0);
  }
  for (const { pid, sum } of perProcessType.values()) byProcess.set(pid, Math.min(100, Math.max(byProcess.get(pid) ?? 0, sum)));
  const enginesByAdapter = new Map<string, { name: string; utilizationPercent: number }[]>();
  for (const { adapterId, engineType, sum } of perAdapterType.values()) {
    byAdapter.set(adapterId, Math.min(100, Math.max(byAdapter.get(adapterId) ?? 0, sum)));
    if (engineType === '') continue;
    const list = enginesByAdapter.get(adapterId) ?? [];
    list.push({ name: engineType, utilizationPercent: Math.min(100, sum) });
    enginesByAdapter.set(adapterId, list);
  }
  for (const list of enginesByAdapter.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  return { byProcess, byAdapter, enginesByAdapter };
}

/** Sums bytes per key (dedicated GPU memory of a process over its adapters); negative readings skipped. */
export function sumBytesBy<K>(entries: readonly { key: K; bytes: number }[]): Map<K, number> {
  const sums = new Map<K, number>();
  for (const { key, bytes } of entries) {
    if (!Number.isFinite(bytes) || bytes < 0) continue;
    sums.set(key, (sums.get(key) ?? 0) + bytes);
  }
  return sums;
}

/** One DRM client's cumulative busy ns per engine (fdinfo `drm-engine-<name>`, ÷ its capacity), and its card. */
export interface GpuClientCounters {
  /** The GPU it runs on, as `GpuFigures.id` names it (`card0`). */
  gpuId: string;
  /** Unique on the machine while the client lives: the device and its `drm-client-id`. */
  clientKey: string;
  engineBusyNs: ReadonlyMap<string, number>;
}

/**
 * Linux: each card's busy share per DRM engine over the interval, from its clients' counters: Δ busy ns summed over
 * the clients present in both samples, ÷ the interval, capped at 100 (clients overlap on one engine only as far as
 * the driver time-slices them, so the cap is for clock skew). A client that is new has no Δ yet and one that closed
 * took its counter with it: neither counts, so the sum never goes backwards; an engine whose counter went backwards
 * (a reset) is skipped; an engine a client lists for the first time counts from 0. Engines by name. A card without
 * a client in both samples is absent (its engines are unknown).
 */
export function gpuEnginesFromClients(
  prev: readonly GpuClientCounters[],
  next: readonly GpuClientCounters[],
  intervalMs: number,
): Map<string, { name: string; utilizationPercent: number }[]> {
  const result = new Map<string, { name: string; utilizationPercent: number }[]>();
  if (!(intervalMs > 0)) return result;
  const before = new Map(prev.map((c) => [c.clientKey, c]));
  const busyNs = new Map<string, Map<string, number>>();
  for (const client of next) {
    const old = before.get(client.clientKey);
    if (!old || old.gpuId !== client.gpuId) continue;
    const engines = busyNs.get(client.gpuId) ?? new Map<string, number>();
    busyNs.set(client.gpuId, engines);
    for (const [engine, ns] of client.engineBusyNs) {
      // Every engine counter of a client starts at 0 when it opens, and amdgpu lists an engine only once it was used.
      const delta = ns - (old.engineBusyNs.get(engine) ?? 0);
      if (!Number.isFinite(delta) || delta < 0) continue;
      engines.set(engine, (engines.get(engine) ?? 0) + delta);
    }
  }
  for (const [gpuId, engines] of busyNs) {
    const list = [...engines].map(([name, ns]) => ({ name, utilizationPercent: Math.min(100, (ns / (intervalMs * 1e6)) * 100) }));
    result.set(gpuId, list.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })));
  }
  return result;
}
