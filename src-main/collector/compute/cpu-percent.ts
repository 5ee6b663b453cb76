/**
 * CPU percentages (DESIGN.md "Definitions"). Pure: counters in, percentages out.
 */

/**
 * A process's share of the whole machine over an interval, 0–100:
 * Δ(user + kernel CPU ms) ÷ (Δwall ms × logical CPUs) × 100.
 *
 * Returns null when there is nothing to compare with (first sample: `prevCpuMs` null), when the
 * interval is not positive, or when the counter went backwards (a different process, or a broken
 * reading): a missing number is shown as "—", never as a guess. Results above 100 (tick rounding
 * of a process using every core) are capped at 100.
 */
export function processCpuPercent(
  prevCpuMs: number | null,
  nextCpuMs: number,
  intervalMs: number,
  logicalCores: number,
): number | null {
  if (prevCpuMs === null || !(intervalMs > 0) || !(logicalCores > 0)) return null;
  const usedMs = nextCpuMs - prevCpuMs;
  if (usedMs < 0 || !Number.isFinite(usedMs)) return null;
  return Math.min(100, (usedMs / (intervalMs * logicalCores)) * 100);
}

/** Cumulative CPU time of one CPU (or of all), in any one unit (Linux: clock ticks). */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
}

export interface SystemCpuPercent {
  totalPercent: number | null;
  kernelPercent: number | null;
}

/**
 * busy = user + nice + system + irq + softirq + steal, idle = idle + iowait;
 * total = Δbusy ÷ Δ(busy + idle); kernel = Δ(system + irq + softirq) ÷ the same.
 * (guest time is already inside user on Linux, so it is not added again.)
 * Null when no time passed or a counter went backwards (CPU hot-unplugged and back).
 */
export function systemCpuPercent(prev: CpuTimes | null | undefined, next: CpuTimes): SystemCpuPercent {
  const none = { totalPercent: null, kernelPercent: null };
  if (!prev) return none;
  const busy = (t: CpuTimes) => t.user + t.nice + t.system + t.irq + t.softirq + t.steal;
  const kernel = (t: CpuTimes) => t.system + t.irq + t.softirq;
  const idle = (t: CpuTimes) => t.idle + t.iowait;
  const dBusy = busy(next) - busy(prev);
  const dKernel = kernel(next) - kernel(prev);
  const dAll = dBusy + idle(next) - idle(prev);
  if (!(dAll > 0) || dBusy < 0 || dKernel < 0 || dAll < dBusy) return none;
  return {
    totalPercent: clampPercent((dBusy / dAll) * 100),
    kernelPercent: clampPercent((dKernel / dAll) * 100),
  };
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

/**
 * One logical processor's cumulative times as Windows reports them
 * (`SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION`, 100-ns units). `kernel` includes `idle` (the idle
 * thread runs in kernel mode) and the DPC and interrupt time.
 */
export interface WindowsProcessorTimes {
  idle: number;
  kernel: number;
  user: number;
}

/**
 * Windows times in the shape of DESIGN.md's definitions: idle = idle; system = kernel − idle (the
 * privileged time of non-idle threads, DPCs and interrupts included, as `% Privileged Time`);
 * user = user; the Linux-only fields are 0. So busy = user + kernel − idle, Task Manager's
 * utilisation, and `kernelPercent` is its "kernel times". Unit: 100 ns.
 */
export function cpuTimesFromWindows(t: WindowsProcessorTimes): CpuTimes {
  return { user: t.user, nice: 0, system: Math.max(0, t.kernel - t.idle), idle: t.idle, iowait: 0, irq: 0, softirq: 0, steal: 0 };
}

/** The machine's total: the per-CPU counters summed field by field. */
export function sumCpuTimes(perCore: readonly CpuTimes[]): CpuTimes {
  const total: CpuTimes = { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0 };
  for (const t of perCore) {
    total.user += t.user;
    total.nice += t.nice;
    total.system += t.system;
    total.idle += t.idle;
    total.iowait += t.iowait;
    total.irq += t.irq;
    total.softirq += t.softirq;
    total.steal += t.steal;
  }
  return total;
}
