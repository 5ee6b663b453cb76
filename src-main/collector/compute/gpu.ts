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
