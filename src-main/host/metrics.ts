/**
 * `GET /metrics`: the latest snapshot in Prometheus text format 0.0.4. Pure.
 * Base units (bytes, seconds, ratios 0–1), `taskmgr_` prefix, `_total` for counters. A figure the OS
 * does not give (null) is left out, never written as 0.
 * Processes are summed by app and by executable (metrics-buckets.ts: the top N by CPU ∪ by memory and
 * an `other` bucket), never labelled by pid: a pid label makes a new series each time a process
 * restarts, which a fleet's Prometheus keeps for its whole retention. Pid-level detail is the API's
 * and history's.
 * Each enabled rule's active alerts (`taskmgr_alert_active{rule, rule_id}`, 0 when none), so a
 * fleet's Alertmanager can alert on the same rules.
 */
import type { RulesView } from '../../src-shared/alerts.ts';
import type { ProcessRow, Snapshot } from '../../src-shared/snapshot.ts';
import { bucketsWithOther, OTHER_LABEL, type Bucket, type LabelledFigures } from './metrics-buckets.ts';

/** The app's own processes, by what each does (`taskmgr_self_*{process}`). */
export const OWN_PROCESS_ROLES = ['host', 'collector', 'inventory'] as const;
export type OwnProcessRole = (typeof OWN_PROCESS_ROLES)[number];

export interface MetricsContext {
  rules: RulesView | null;
  /** `--metrics-top`: apps and executables kept by CPU and by memory (each). */
  topN: number;
  /** package.json's version (`taskmgr_build_info`). */
  version: string;
  /** Now, ms since the epoch: the snapshot's age is now − takenAtMs. */
  nowMs: number;
  /** Pid of each own process that is running (the inventory only while it reads). */
  ownPids: Readonly<Partial<Record<OwnProcessRole, number>>>;
}

type Labels = Readonly<Record<string, string>>;
interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels: Labels; value: number | null }[];
}

export function renderMetrics(snapshot: Snapshot, context: MetricsContext): string {
  const families: Family[] = [];
  const gauge = (name: string, help: string, samples: Family['samples'], type: Family['type'] = 'gauge') =>
    families.push({ name: `taskmgr_${name}`, help, type, samples });
  const one = (value: number | null | undefined): Family['samples'] => [{ labels: {}, value: value ?? null }];
  const ratio = (percent: number | null) => (percent === null ? null : percent / 100);

  gauge('cpu_utilization_ratio', 'Busy share of all logical CPUs over the last interval (0-1).', one(ratio(snapshot.cpu.totalPercent)));
  gauge('cpu_kernel_utilization_ratio', 'Kernel (system + irq + softirq) share of all logical CPUs (0-1).', one(ratio(snapshot.cpu.kernelPercent)));
  gauge(
    'cpu_core_utilization_ratio',
    'Busy share of one logical CPU over the last interval (0-1).',
    snapshot.cpu.perCorePercent.map((p, core) => ({ labels: { core: String(core) }, value: ratio(p) })),
  );
  gauge('cpu_logical_cores', 'Logical CPUs.', one(snapshot.cpu.logicalCores));
  gauge('cpu_frequency_hertz', 'Mean current CPU frequency.', one(snapshot.cpu.speedMhz === null ? null : snapshot.cpu.speedMhz * 1e6));
  gauge('uptime_seconds', 'Time since boot.', one(snapshot.cpu.uptimeSec));
  const m = snapshot.memory;
  gauge('memory_total_bytes', 'Physical memory.', one(m.totalBytes));
  gauge('memory_used_bytes', 'Memory in use: total - available.', one(m.usedBytes));
  gauge('memory_available_bytes', 'Memory available to start new applications without swapping.', one(m.availableBytes));
  gauge('memory_cached_bytes', 'Cached memory (Linux: Buffers + Cached + SReclaimable).', one(m.cachedBytes));
  gauge('swap_total_bytes', 'Swap space.', one(m.swapTotalBytes));
  gauge('swap_used_bytes', 'Swap space in use.', one(m.swapUsedBytes));
  gauge('memory_commit_bytes', 'Committed memory.', one(m.commitBytes));
  gauge('memory_commit_limit_bytes', 'Commit limit.', one(m.commitLimitBytes));
  const disk = (d: { id: string; name: string }) => ({ disk: d.id, name: d.name });
  gauge('disk_read_bytes_per_second', 'Bytes read per second over the last interval.', snapshot.disks.map((d) => ({ labels: disk(d), value: d.readBytesPerSec })));
  gauge('disk_write_bytes_per_second', 'Bytes written per second over the last interval.', snapshot.disks.map((d) => ({ labels: disk(d), value: d.writeBytesPerSec })));
  gauge('disk_active_ratio', 'Share of the last interval the disk spent doing I/O (0-1).', snapshot.disks.map((d) => ({ labels: disk(d), value: ratio(d.activePercent) })));
  const vol = (v: { mount: string; fsType: string }) => ({ mount: v.mount, fstype: v.fsType });
  gauge('volume_size_bytes', 'Size of a mounted volume.', snapshot.volumes.map((v) => ({ labels: vol(v), value: v.totalBytes })));
  gauge('volume_used_bytes', 'Used space of a mounted volume.', snapshot.volumes.map((v) => ({ labels: vol(v), value: v.usedBytes })));
  const nic = (n: { name: string }) => ({ interface: n.name });
  gauge('network_receive_bytes_total', 'Bytes received since the interface came up.', snapshot.network.map((n) => ({ labels: nic(n), value: n.rxTotalBytes })), 'counter');
  gauge('network_transmit_bytes_total', 'Bytes sent since the interface came up.', snapshot.network.map((n) => ({ labels: nic(n), value: n.txTotalBytes })), 'counter');
  gauge('network_receive_bytes_per_second', 'Bytes received per second over the last interval.', snapshot.network.map((n) => ({ labels: nic(n), value: n.rxBytesPerSec })));
  gauge('network_transmit_bytes_per_second', 'Bytes sent per second over the last interval.', snapshot.network.map((n) => ({ labels: nic(n), value: n.txBytesPerSec })));
  const gpu = (g: { id: string; name: string }) => ({ gpu: g.id, name: g.name });
  gauge('gpu_utilization_ratio', 'GPU utilisation (0-1).', snapshot.gpus.map((g) => ({ labels: gpu(g), value: ratio(g.utilizationPercent) })));
  gauge('gpu_memory_used_bytes', 'GPU memory in use.', snapshot.gpus.map((g) => ({ labels: gpu(g), value: g.memoryUsedBytes })));
  gauge('gpu_memory_total_bytes', 'GPU memory.', snapshot.gpus.map((g) => ({ labels: gpu(g), value: g.memoryTotalBytes })));
  gauge('gpu_temperature_celsius', 'GPU temperature.', snapshot.gpus.map((g) => ({ labels: gpu(g), value: g.temperatureC })));
  gauge('build_info', 'Always 1; version is the task manager\'s (package.json).', [{ labels: { version: context.version }, value: 1 }]);
  gauge(
    'scrape_snapshot_age_seconds',
    'Time since the snapshot these figures come from was taken; grows when the collector is stuck.',
    one(Math.max(0, context.nowMs - snapshot.takenAtMs) / 1000),
  );
  gauge('processes', 'Processes by state; the sum is every process.', processesByState(snapshot.processes));
  gauge('threads', 'Threads of all processes.', one(snapshot.totals.threads));
  gauge('handles', 'Open handles (Linux: allocated file handles).', one(snapshot.totals.handles));
  gauge('self_cpu_ratio', "This task manager's own share of the machine's CPU (0-1), every process of it together.", one(ratio(snapshot.self.cpuPercent)));
  gauge('self_memory_bytes', "This task manager's own private memory, every process of it together.", one(snapshot.self.memoryBytes));
  const own = ownProcesses(snapshot, context.ownPids);
  gauge(
    'self_cpu_seconds_total',
    "CPU time (user + kernel) of each of this task manager's processes since it started. The history worker is a thread of the host and is counted in host.",
    own.map(({ role, cpuSeconds }) => ({ labels: { process: role }, value: cpuSeconds })),
    'counter',
  );
  gauge(
    'self_resident_bytes',
    "Resident memory (Linux VmRSS, Windows working set) of each of this task manager's processes; the history worker's is in host.",
    own.map(({ role, row }) => ({ labels: { process: role }, value: row?.residentBytes ?? null })),
  );

  const apps = bucketsWithOther(byApp(snapshot), context.topN);
  // The last bucket is the rest: `other`, or `(other)` when an app really named other is kept.
  const other = (buckets: Bucket[]) => buckets.at(-1)?.label ?? OTHER_LABEL;
  const appNote = `the top ${context.topN} apps by CPU and the top ${context.topN} by memory (the Apps tab's grouping; apps of one name together), app="${other(apps)}" every other process, those in no app included`;
  bucketFamilies(gauge, 'app', apps, appNote);
  const executables = bucketsWithOther(
    snapshot.processes.map((row) => ({ label: row.name, ...figuresOf(row) })),
    context.topN,
  );
  const exeNote = `the top ${context.topN} executables (file name) by CPU and the top ${context.topN} by memory, executable="${other(executables)}" every other process`;
  bucketFamilies(gauge, 'executable', executables, exeNote);

  const rules = context.rules;
  if (rules) {
    const activeOf = new Map(rules.states.map((state) => [state.ruleId, state.activeCount]));
    gauge(
      'alert_active',
      'Active alerts of each enabled rule (0: none); rule is its name, rule_id its id.',
      rules.rules.filter((rule) => rule.enabled).map((rule) => ({ labels: { rule: rule.name, rule_id: rule.id }, value: activeOf.get(rule.id) ?? 0 })),
    );
  }

  const lines: string[] = [];
  for (const family of families) {
    const samples = family.samples.filter((s) => s.value !== null && Number.isFinite(s.value));
    if (samples.length === 0) continue;
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of samples) lines.push(`${family.name}${renderLabels(sample.labels)} ${String(sample.value)}`);
  }
  return `${lines.join('\n')}\n`;
}

type AddFamily = (name: string, help: string, samples: Family['samples'], type?: Family['type']) => void;

/** `taskmgr_{app,executable}_{cpu_ratio,memory_bytes,processes}`; a bucket whose figure is null for every member is left out. */
function bucketFamilies(add: AddFamily, label: 'app' | 'executable', buckets: readonly Bucket[], note: string): void {
  const samples = (figure: (bucket: Bucket) => number | null) => buckets.map((b) => ({ labels: { [label]: b.label }, value: figure(b) }));
  add(`${label}_cpu_ratio`, `Share of the machine's CPU (0-1) of ${note}; the sum is every process's.`, samples((b) => b.cpuRatio));
  add(`${label}_memory_bytes`, `Private memory (the Processes tab's Memory) of ${note}.`, samples((b) => b.memoryBytes));
  add(`${label}_processes`, `Processes of ${note}; the sum is every process.`, samples((b) => b.processes));
}

function figuresOf(row: ProcessRow): Omit<LabelledFigures, 'label'> {
  return { cpuRatio: row.cpuPercent === null ? null : row.cpuPercent / 100, memoryBytes: row.memoryBytes };
}

/** Each process with its app's name (the first app that lists it), or null when it is in none. */
function byApp(snapshot: Snapshot): LabelledFigures[] {
  const appOf = new Map<string, string>();
  for (const app of snapshot.apps) {
    for (const member of app.members) {
      const key = `${member.pid}:${member.startTimeMs}`;
      if (!appOf.has(key)) appOf.set(key, app.name);
    }
  }
  return snapshot.processes.map((row) => ({ label: appOf.get(`${row.pid}:${row.startTimeMs}`) ?? null, ...figuresOf(row) }));
}

function processesByState(processes: readonly ProcessRow[]): Family['samples'] {
  const counts = new Map<string, number>();
  for (const row of processes) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([state, count]) => ({ labels: { state }, value: count }));
}

/** Each own process the collector measured, with its row (for resident memory); none the collector has not seen. */
function ownProcesses(snapshot: Snapshot, pids: MetricsContext['ownPids']): { role: OwnProcessRole; cpuSeconds: number; row: ProcessRow | undefined }[] {
  const cpuSecondsOf = new Map((snapshot.self.processes ?? []).map((p) => [p.pid, p.cpuSeconds]));
  return OWN_PROCESS_ROLES.flatMap((role) => {
    const pid = pids[role];
    const cpuSeconds = pid === undefined ? undefined : cpuSecondsOf.get(pid);
    return pid === undefined || cpuSeconds === undefined ? [] : [{ role, cpuSeconds, row: snapshot.processes.find((p) => p.pid === pid) }];
  });
}

function renderLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

/** Label values escape backslash, double quote and line feed (exposition format). */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
