/**
 * The CPU page's figures (from the snapshot) and facts (from the inventory). Pure.
 */
import type { Inventory } from '../../../src-shared/inventory.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { formatBytes, formatCount, formatMhz, formatPercent, formatUptime } from '../../format.ts';
import { absentReason, factRow, type FactRow, type PageModel } from './page-model.ts';
import { performanceStrings } from './performance-strings.ts';

const p = performanceStrings;
export const CPU_COLOR = 'var(--perf-cpu)';
export const KERNEL_COLOR = 'var(--perf-kernel)';

export function cpuPage(snapshot: Snapshot | null, inventory: Inventory | null): PageModel {
  const cpu = snapshot?.cpu ?? null;
  const totals = snapshot?.totals ?? null;
  const facts = inventory?.cpu;
  const d = p.definitions;
  const modelFact = facts?.model;
  return {
    title: p.cpu,
    // The adapter's model wins where it has one (it reads it exactly); else the inventory's.
    subtitle: cpu?.model ?? (modelFact && modelFact.value !== null ? modelFact.value : null),
    figures: [
      { label: p.utilization, value: formatPercent(cpu?.totalPercent ?? null), definition: d.utilization, color: CPU_COLOR },
      { label: p.kernelTime, value: formatPercent(cpu?.kernelPercent ?? null), definition: d.kernelTime, color: KERNEL_COLOR },
      { label: p.speed, value: formatMhz(cpu?.speedMhz ?? null), definition: d.speed },
      { label: p.processes, value: formatCount(totals?.processes ?? null), definition: d.processes },
      { label: p.threads, value: formatCount(totals?.threads ?? null), definition: d.threads },
      { label: p.handles, value: formatCount(totals?.handles ?? null), definition: d.handles },
      { label: p.uptime, value: formatUptime(cpu?.uptimeSec ?? null), definition: d.uptime },
    ],
    facts: cpuFacts(inventory, cpu?.logicalCores ?? null),
  };
}

function cpuFacts(inventory: Inventory | null, logicalCores: number | null): FactRow[] {
  const f = inventory?.cpu;
  const n = p.factNames;
  const why = absentReason(inventory !== null);
  const mhz = (value: number) => formatMhz(value);
  const count = (value: number) => formatCount(value);
  const logical = factRow(n.logicalProcessors, f?.logicalProcessors, count, why);
  return [
    factRow(n.baseSpeed, f?.baseSpeedMhz, mhz, why),
    factRow(n.sockets, f?.sockets, count, why),
    factRow(n.cores, f?.cores, count, why),
    // The snapshot counts the logical processors the OS has online, exactly: shown while the inventory can't say.
    logical.reason !== null && logicalCores !== null ? { label: n.logicalProcessors, value: formatCount(logicalCores), reason: null } : logical,
    factRow(n.virtualization, f?.isVirtualizationEnabled, (on) => (on ? p.enabled : p.disabled), why),
    factRow(n.l1Cache, f?.l1CacheBytes, formatBytes, why),
    factRow(n.l2Cache, f?.l2CacheBytes, formatBytes, why),
    factRow(n.l3Cache, f?.l3CacheBytes, formatBytes, why),
  ];
}
