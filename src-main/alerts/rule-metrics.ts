/**
 * A rule's figure read from a snapshot (RULE_METRICS in src-shared/alerts.ts), the words its
 * messages use, and why a rule can't be evaluated when the figure is unknown here. Pure.
 */
import type { AlertSubject, RuleMetric, RuleSpec } from '../../src-shared/alerts.ts';
import type { App, ProcessRow, Snapshot } from '../../src-shared/snapshot.ts';
import type { SnapshotIndex } from './rule-match.ts';

/** A machine subject (one per disk, interface or GPU for a device metric) with its figure. */
export interface MachineFigure {
  subject: Extract<AlertSubject, { kind: 'machine' }>;
  value: number | null;
}

/** Null only when both are: a rate known in one direction is that direction's. */
function sumKnown(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : (a ?? 0) + (b ?? 0);
}

const machine = (device: string | null, value: number | null): MachineFigure => ({ subject: { kind: 'machine', device }, value });

/**
 * The machine's figures for a rule: one, or one per device for disks, interfaces and GPUs
 * (only `match.device`'s, by name or id, when it names one; their total for an anomaly rule,
 * since history's roll-ups hold totals).
 */
export function machineFigures(rule: Pick<RuleSpec, 'metric' | 'match' | 'baseline'>, snapshot: Snapshot): MachineFigure[] {
  const device = rule.match?.device;
  const isTotal = rule.baseline !== undefined;
  const devices = <T extends { name: string; id?: string }>(items: readonly T[], valueOf: (item: T) => number | null): MachineFigure[] => {
    if (isTotal) return [machine(null, items.reduce<number | null>((sum, item) => sumKnown(sum, valueOf(item)), null))];
    const chosen = device === undefined ? items : items.filter((item) => item.name === device || item.id === device);
    return chosen.map((item) => machine(item.name, valueOf(item)));
  };
  switch (rule.metric) {
    case 'cpuPercent':
      return [machine(null, snapshot.cpu.totalPercent)];
    case 'memoryAvailableBytes':
      return [machine(null, snapshot.memory.totalBytes > 0 ? snapshot.memory.availableBytes : null)];
    case 'memoryUsedPercent':
      return [machine(null, snapshot.memory.totalBytes > 0 ? (snapshot.memory.usedBytes / snapshot.memory.totalBytes) * 100 : null)];
    case 'diskBytesPerSec':
      return devices(snapshot.disks, (disk) => sumKnown(disk.readBytesPerSec, disk.writeBytesPerSec));
    case 'networkBytesPerSec':
      return devices(snapshot.network, (link) => sumKnown(link.rxBytesPerSec, link.txBytesPerSec));
    case 'gpuPercent':
      return devices(snapshot.gpus, (gpu) => gpu.utilizationPercent);
    default:
      return [];
  }
}

/** A process's figure for a threshold metric (`memoryBytes`: private memory). */
export function processFigure(metric: RuleMetric, row: ProcessRow): number | null {
  if (metric === 'cpuPercent') return row.cpuPercent;
  if (metric === 'memoryBytes' || metric === 'memoryGrowthBytesPerMin') return row.memoryBytes;
  return null;
}

/** An app's figure: the sum over the members whose figure is known; null when none is. */
export function appFigure(metric: RuleMetric, app: App, index: SnapshotIndex): number | null {
  let sum: number | null = null;
  for (const member of app.members) {
    const row = index.row(member.pid);
    if (!row || row.startTimeMs !== member.startTimeMs) continue;
    const value = processFigure(metric, row);
    if (value !== null) sum = (sum ?? 0) + value;
  }
  return sum;
}

/** What a message calls the figure: "CPU", "memory", "Available memory", "Disk sda". */
export function metricLabel(metric: RuleMetric, device: string | null = null): string {
  const named = (kind: string) => (device === null ? kind : `${kind} ${device}`);
  switch (metric) {
    case 'cpuPercent':
      return 'CPU';
    case 'memoryAvailableBytes':
      return 'Available memory';
    case 'memoryUsedPercent':
      return 'Memory in use';
    case 'diskBytesPerSec':
      return named('Disk');
    case 'networkBytesPerSec':
      return named('Network');
    case 'gpuPercent':
      return named('GPU');
    case 'memoryBytes':
      return 'memory';
    case 'memoryGrowthBytesPerMin':
      return 'memory growing';
    default:
      return metric;
  }
}

/** Why a rule can't be evaluated on this machine: no device of its kind (or not the one it names), or its figure unknown for every subject. */
export function unknownFigureReason(rule: Pick<RuleSpec, 'scope' | 'metric' | 'match'>, hasNoDevice: boolean): string {
  if (hasNoDevice) {
    const kind = rule.metric === 'diskBytesPerSec' ? 'disk' : rule.metric === 'networkBytesPerSec' ? 'network interface' : 'GPU';
    return rule.match?.device === undefined ? `no ${kind} is measured on this machine` : `there is no ${kind} "${rule.match.device}" on this machine`;
  }
  switch (rule.metric) {
    case 'cpuPercent':
      return rule.scope === 'machine' ? 'CPU use is not known yet (it needs two samples)' : 'CPU use of processes is not known yet (it needs two samples)';
    case 'memoryBytes':
    case 'memoryGrowthBytesPerMin':
      return 'private memory of processes is not measured on this machine';
    case 'gpuPercent':
      return 'GPU utilisation is not measured on this machine';
    case 'diskBytesPerSec':
      return 'disk throughput is not measured on this machine';
    case 'networkBytesPerSec':
      return 'network throughput is not measured on this machine';
    default:
      return 'memory is not measured on this machine';
  }
}
