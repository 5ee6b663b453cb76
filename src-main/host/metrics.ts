/**
 * `GET /metrics`: the latest snapshot in Prometheus text format 0.0.4. Pure.
 * Base units (bytes, seconds, ratios 0–1), `taskmgr_` prefix, and the top 20 processes by CPU
 * labelled by pid and name. A figure the OS does not give (null) is left out, never written as 0.
 * Each enabled rule's active alerts (`taskmgr_alert_active{rule, rule_id}`, 0 when none), so a
 * fleet's Alertmanager can alert on the same rules.
 */
import type { RulesView } from '../../src-shared/alerts.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';

export const TOP_PROCESSES = 20;

type Labels = Readonly<Record<string, string>>;
interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels: Labels; value: number | null }[];
}

export function renderMetrics(snapshot: Snapshot, rules: RulesView | null = null): string {
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
  gauge('processes', 'Processes.', one(snapshot.totals.processes));
  gauge('threads', 'Threads of all processes.', one(snapshot.totals.threads));
  gauge('handles', 'Open handles (Linux: allocated file handles).', one(snapshot.totals.handles));
  gauge('self_cpu_ratio', "This task manager's own share of the machine's CPU (0-1).", one(ratio(snapshot.self.cpuPercent)));
  gauge('self_memory_bytes', "This task manager's own private memory.", one(snapshot.self.memoryBytes));

  const top = snapshot.processes
    .filter((p) => p.cpuPercent !== null)
    .sort((a, b) => (b.cpuPercent ?? 0) - (a.cpuPercent ?? 0) || a.pid - b.pid)
    .slice(0, TOP_PROCESSES);
  const proc = (p: { pid: number; name: string }) => ({ pid: String(p.pid), name: p.name });
  gauge('process_cpu_ratio', `Share of the machine's CPU of the top ${TOP_PROCESSES} processes by CPU (0-1).`, top.map((p) => ({ labels: proc(p), value: ratio(p.cpuPercent) })));
  gauge('process_memory_bytes', `Private memory of the top ${TOP_PROCESSES} processes by CPU.`, top.map((p) => ({ labels: proc(p), value: p.memoryBytes })));

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

function renderLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

/** Label values escape backslash, double quote and line feed (exposition format). */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
