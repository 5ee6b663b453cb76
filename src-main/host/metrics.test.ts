import { describe, expect, it } from 'vitest';
import type { Rule, RulesView, RuleState } from '../../src-shared/alerts.ts';
import { snapshotSchema, type ProcessRow, type Snapshot } from '../../src-shared/snapshot.ts';
import { cpuFigures, memoryFigures, processRow, ruleFixture, snapshot } from '../../src-shared/testing/fixtures.ts';
import { escapeLabel, renderMetrics, TOP_PROCESSES } from './metrics.ts';

const START_MS = 1_700_000_000_000;

function row(pid: number, fields: Partial<ProcessRow> = {}): ProcessRow {
  return processRow({ pid, name: `proc-${pid}`, cpuPercent: 1, memoryBytes: 1_000_000 * pid, ...fields });
}

/** A snapshot with every figure known, one device of each kind; validated against the contract. */
function makeSnapshot(fields: Partial<Snapshot> = {}): Snapshot {
  const value = snapshot({
    seq: 7,
    takenAtMs: START_MS + 7000,
    self: { cpuPercent: 2, memoryBytes: 50_000_000 },
    cpu: { totalPercent: 50, kernelPercent: 12.5, perCorePercent: [25, 75], logicalCores: 2, model: 'Test CPU', speedMhz: 2400, uptimeSec: 3600 },
    memory: {
      totalBytes: 16_000_000_000,
      usedBytes: 6_000_000_000,
      availableBytes: 10_000_000_000,
      cachedBytes: 3_000_000_000,
      swapTotalBytes: 2_000_000_000,
      swapUsedBytes: 100_000_000,
      commitBytes: 7_000_000_000,
      commitLimitBytes: 20_000_000_000, modifiedBytes: null, standbyBytes: null, freeBytes: null, compressedBytes: null, pagedPoolBytes: null, nonPagedPoolBytes: null
    },
    disks: [{ id: 'sda', name: 'Disk 0', readBytesPerSec: 4096, writeBytesPerSec: 8192, activePercent: 10, responseTimeMs: null }],
    volumes: [{ mount: '/', fsType: 'ext4', totalBytes: 500_000_000_000, usedBytes: 200_000_000_000 }],
    network: [{ name: 'eth0', rxBytesPerSec: 1000, txBytesPerSec: 2000, rxTotalBytes: 123_456, txTotalBytes: 654_321 }],
    gpus: [
      {
        id: 'card0',
        name: 'Test GPU',
        vendor: 'other',
        utilizationPercent: 30,
        memoryUsedBytes: 1_000_000_000,
        memoryTotalBytes: 8_000_000_000,
        temperatureC: 55,
        sharedMemoryUsedBytes: null,
        engines: [],
      },
    ],
    totals: { processes: 3, threads: 3, handles: 900 },
    processes: [row(1, { name: 'init', ppid: 0, cpuPercent: 0.5 }), row(200, { cpuPercent: 40 }), row(300, { cpuPercent: null })],
    ...fields,
  });
  // A fixture the contract would refuse would test nothing real.
  expect(snapshotSchema.safeParse(value).error).toBeUndefined();
  return value;
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Text format 0.0.4: `# HELP name text`, `# TYPE name gauge|counter|…`, or `name{l="v",…} value`. */
const HELP_LINE = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/;
const TYPE_LINE = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/;
const LABEL_VALUE = String.raw`"(?:[^"\\\n]|\\[\\"n])*"`;
const LABEL = String.raw`[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE}`;
const SAMPLE_LINE = new RegExp(
  String.raw`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:${LABEL}(?:,${LABEL})*)?\})? ([-+]?(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|Inf|NaN))$`,
);

function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!text) return labels;
  for (const match of text.matchAll(new RegExp(String.raw`([a-zA-Z_][a-zA-Z0-9_]*)=(${LABEL_VALUE})`, 'g'))) {
    const [, key = '', quoted = '""'] = match;
    labels[key] = quoted.slice(1, -1).replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

/** Parses the whole exposition, failing on any line that is not in the format. */
function parseExposition(text: string): { samples: Sample[]; help: string[]; types: string[] } {
  expect(text.endsWith('\n')).toBe(true);
  const samples: Sample[] = [];
  const help: string[] = [];
  const types: string[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    const helpMatch = HELP_LINE.exec(line);
    const typeMatch = TYPE_LINE.exec(line);
    const sampleMatch = SAMPLE_LINE.exec(line);
    if (helpMatch) help.push(helpMatch[1] ?? '');
    else if (typeMatch) types.push(typeMatch[1] ?? '');
    else if (sampleMatch) samples.push({ name: sampleMatch[1] ?? '', labels: parseLabels(sampleMatch[2]), value: Number(sampleMatch[3]) });
    else expect.fail(`not a line of the exposition format: ${JSON.stringify(line)}`);
  }
  return { samples, help, types };
}

function valuesOf(samples: readonly Sample[], name: string): number[] {
  return samples.filter((s) => s.name === name).map((s) => s.value);
}

describe('the exposition-format checker of these tests', () => {
  it.each([
    ['taskmgr_x 1', true],
    ['taskmgr_x{a="b",c="d\\"e"} 1.5e+21', true],
    ['taskmgr_x{a="b"} ', false],
    ['taskmgr_x{a="b} 1', false],
    ['taskmgr_x{a="line\nbreak"} 1', false],
    ['taskmgr_x{a="b"', false],
    ['taskmgr-x 1', false],
    ['taskmgr_x null', false],
    ['taskmgr_x 1 2 3', false],
  ])('%j is a sample line: %s', (line, expected) => {
    expect(SAMPLE_LINE.test(line)).toBe(expected);
  });
});

describe('renderMetrics', () => {
  const full = parseExposition(renderMetrics(makeSnapshot()));

  it('writes only HELP, TYPE and sample lines, every name with the taskmgr_ prefix', () => {
    expect(full.samples.length).toBeGreaterThan(20);
    for (const name of [...full.help, ...full.types, ...full.samples.map((s) => s.name)]) expect(name).toMatch(/^taskmgr_/);
  });

  it('writes HELP then TYPE once per family, before its samples, and keeps a family together', () => {
    const text = renderMetrics(makeSnapshot());
    expect(new Set(full.help).size).toBe(full.help.length);
    expect(full.types).toEqual(full.help);
    const lines = text.trimEnd().split('\n');
    let current = '';
    const finished = new Set<string>();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const help = HELP_LINE.exec(line);
      if (help) {
        if (current) finished.add(current);
        current = help[1] ?? '';
        expect(finished.has(current)).toBe(false);
        expect(lines[i + 1]).toMatch(new RegExp(`^# TYPE ${current} `));
        continue;
      }
      if (line.startsWith('# TYPE ')) continue;
      expect(SAMPLE_LINE.exec(line)?.[1]).toBe(current);
    }
  });

  it('names counters *_total and types them counter; the rest are gauges', () => {
    const text = renderMetrics(makeSnapshot());
    for (const name of full.types) {
      const type = new RegExp(`^# TYPE ${name} (\\w+)$`, 'm').exec(text)?.[1];
      expect(type).toBe(name.endsWith('_total') ? 'counter' : 'gauge');
    }
  });

  it.each<[string, number[]]>([
    ['taskmgr_cpu_utilization_ratio', [0.5]],
    ['taskmgr_cpu_kernel_utilization_ratio', [0.125]],
    ['taskmgr_cpu_core_utilization_ratio', [0.25, 0.75]],
    ['taskmgr_cpu_logical_cores', [2]],
    ['taskmgr_cpu_frequency_hertz', [2_400_000_000]],
    ['taskmgr_uptime_seconds', [3600]],
    ['taskmgr_memory_total_bytes', [16_000_000_000]],
    ['taskmgr_memory_used_bytes', [6_000_000_000]],
    ['taskmgr_memory_available_bytes', [10_000_000_000]],
    ['taskmgr_memory_cached_bytes', [3_000_000_000]],
    ['taskmgr_swap_total_bytes', [2_000_000_000]],
    ['taskmgr_swap_used_bytes', [100_000_000]],
    ['taskmgr_memory_commit_bytes', [7_000_000_000]],
    ['taskmgr_memory_commit_limit_bytes', [20_000_000_000]],
    ['taskmgr_disk_read_bytes_per_second', [4096]],
    ['taskmgr_disk_write_bytes_per_second', [8192]],
    ['taskmgr_disk_active_ratio', [0.1]],
    ['taskmgr_volume_size_bytes', [500_000_000_000]],
    ['taskmgr_volume_used_bytes', [200_000_000_000]],
    ['taskmgr_network_receive_bytes_total', [123_456]],
    ['taskmgr_network_transmit_bytes_total', [654_321]],
    ['taskmgr_network_receive_bytes_per_second', [1000]],
    ['taskmgr_network_transmit_bytes_per_second', [2000]],
    ['taskmgr_gpu_utilization_ratio', [0.3]],
    ['taskmgr_gpu_memory_used_bytes', [1_000_000_000]],
    ['taskmgr_gpu_memory_total_bytes', [8_000_000_000]],
    ['taskmgr_gpu_temperature_celsius', [55]],
    ['taskmgr_processes', [3]],
    ['taskmgr_threads', [3]],
    ['taskmgr_handles', [900]],
    ['taskmgr_self_cpu_ratio', [0.02]],
    ['taskmgr_self_memory_bytes', [50_000_000]],
    ['taskmgr_process_cpu_ratio', [0.4, 0.005]],
    ['taskmgr_process_memory_bytes', [200_000_000, 1_000_000]],
  ])('%s in base units: %j', (name, expected) => {
    const values = valuesOf(full.samples, name);
    expect(values).toHaveLength(expected.length);
    values.forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? NaN, 9));
  });

  it('keeps every *_ratio within 0–1', () => {
    const ratios = full.samples.filter((s) => s.name.endsWith('_ratio'));
    expect(ratios.length).toBeGreaterThan(0);
    for (const s of ratios) {
      expect(s.value).toBeGreaterThanOrEqual(0);
      expect(s.value).toBeLessThanOrEqual(1);
    }
  });

  it('writes 100 % as 1 and 0 % as 0', () => {
    const { samples } = parseExposition(renderMetrics(makeSnapshot({ cpu: { ...makeSnapshot().cpu, totalPercent: 100, perCorePercent: [0, 100] } })));
    expect(valuesOf(samples, 'taskmgr_cpu_utilization_ratio')).toEqual([1]);
    expect(valuesOf(samples, 'taskmgr_cpu_core_utilization_ratio')).toEqual([0, 1]);
  });

  it('labels devices and processes', () => {
    const byName = (name: string) => full.samples.find((s) => s.name === name)?.labels;
    expect(byName('taskmgr_cpu_core_utilization_ratio')).toEqual({ core: '0' });
    expect(byName('taskmgr_disk_read_bytes_per_second')).toEqual({ disk: 'sda', name: 'Disk 0' });
    expect(byName('taskmgr_volume_size_bytes')).toEqual({ mount: '/', fstype: 'ext4' });
    expect(byName('taskmgr_network_receive_bytes_total')).toEqual({ interface: 'eth0' });
    expect(byName('taskmgr_gpu_temperature_celsius')).toEqual({ gpu: 'card0', name: 'Test GPU' });
    expect(byName('taskmgr_process_cpu_ratio')).toEqual({ pid: '200', name: 'proc-200' });
    expect(byName('taskmgr_cpu_utilization_ratio')).toEqual({});
  });

  describe('a figure the OS does not give (null)', () => {
    it.each<[string, Partial<Snapshot>, string]>([
      ['total CPU', { cpu: { ...makeSnapshot().cpu, totalPercent: null } }, 'taskmgr_cpu_utilization_ratio'],
      ['CPU frequency', { cpu: { ...makeSnapshot().cpu, speedMhz: null } }, 'taskmgr_cpu_frequency_hertz'],
      ['swap', { memory: { ...makeSnapshot().memory, swapTotalBytes: null } }, 'taskmgr_swap_total_bytes'],
      ['handles', { totals: { processes: 3, threads: 3, handles: null } }, 'taskmgr_handles'],
      ['own CPU', { self: { cpuPercent: null, memoryBytes: 1 } }, 'taskmgr_self_cpu_ratio'],
      ['GPU temperature', { gpus: [{ ...makeSnapshot().gpus[0]!, temperatureC: null, sharedMemoryUsedBytes: null, engines: [] }] }, 'taskmgr_gpu_temperature_celsius'],
      ['devices: no disks at all', { disks: [] }, 'taskmgr_disk_read_bytes_per_second'],
    ])('%s: leaves the family out entirely, HELP and TYPE included, never as 0', (_name, fields, family) => {
      const text = renderMetrics(makeSnapshot(fields));
      expect(text).not.toContain(family + ' ');
      expect(text).not.toContain(family + '{');
      parseExposition(text);
    });

    it('leaves out only the missing sample of a family that has others', () => {
      const cpu = { ...makeSnapshot().cpu, perCorePercent: [null, 80] };
      const { samples, help } = parseExposition(renderMetrics(makeSnapshot({ cpu })));
      const cores = samples.filter((s) => s.name === 'taskmgr_cpu_core_utilization_ratio');
      expect(cores).toEqual([{ name: 'taskmgr_cpu_core_utilization_ratio', labels: { core: '1' }, value: 0.8 }]);
      expect(help.filter((h) => h === 'taskmgr_cpu_core_utilization_ratio')).toHaveLength(1);
    });

    it('leaves out a top process memory sample that is null but keeps its CPU sample', () => {
      const { samples } = parseExposition(renderMetrics(makeSnapshot({ processes: [row(42, { cpuPercent: 10, memoryBytes: null })] })));
      expect(samples.filter((s) => s.labels['pid'] === '42').map((s) => s.name)).toEqual(['taskmgr_process_cpu_ratio']);
    });
  });

  describe('process labels', () => {
    it.each<[string, string]>([
      ['a backslash', String.raw`C:\Program Files\app.exe`],
      ['a double quote', 'say "hi"'],
      ['a newline', 'two\nlines'],
      ['all three', 'a\\b"c\nd'],
      ['a trailing backslash', 'ends\\'],
      ['non-ASCII', 'café ☕'],
    ])('escapes %s in a name and round-trips it', (_name, name) => {
      const text = renderMetrics(makeSnapshot({ processes: [row(42, { name, cpuPercent: 5 })] }));
      const { samples } = parseExposition(text);
      const labels = samples.filter((s) => s.name === 'taskmgr_process_cpu_ratio').map((s) => s.labels);
      expect(labels).toEqual([{ pid: '42', name }]);
    });
  });

  describe('the top processes', () => {
    // 25 processes; CPU 1..25 % but with two ties (pids 7 and 3 at 20 %, pids 9 and 4 at 6 %).
    const cpuByPid = new Map<number, number>();
    for (let pid = 1; pid <= 25; pid++) cpuByPid.set(pid, pid);
    cpuByPid.set(7, 20);
    cpuByPid.set(3, 20);
    cpuByPid.set(9, 6);
    cpuByPid.set(4, 6);
    const processes = [...cpuByPid].map(([pid, cpu]) => row(pid, { cpuPercent: cpu }));
    processes.push(row(100, { cpuPercent: null }), row(101, { cpuPercent: null, name: 'first sample' }));
    const { samples } = parseExposition(renderMetrics(makeSnapshot({ processes: processes.reverse() })));
    const cpuPids = samples.filter((s) => s.name === 'taskmgr_process_cpu_ratio').map((s) => Number(s.labels['pid']));
    const memoryPids = samples.filter((s) => s.name === 'taskmgr_process_memory_bytes').map((s) => Number(s.labels['pid']));

    it(`writes only the top ${TOP_PROCESSES} by CPU, highest first, ties by pid`, () => {
      expect(TOP_PROCESSES).toBe(20);
      const expected = [...cpuByPid]
        .sort(([pidA, a], [pidB, b]) => b - a || pidA - pidB)
        .slice(0, 20)
        .map(([pid]) => pid);
      expect(cpuPids).toEqual(expected);
      // The ties themselves: 20 % → pid 3 before 7 before 20. The 6 % tie (4, 6, 9) falls on the
      // cut: 19 processes are above it, so only the lowest pid of the three makes the top 20.
      expect(cpuPids.slice(5, 8)).toEqual([3, 7, 20]);
      expect(cpuPids.at(-1)).toBe(4);
      expect(cpuPids).not.toContain(6);
      expect(cpuPids).not.toContain(9);
    });

    it('writes memory for the same processes', () => {
      expect(memoryPids).toEqual(cpuPids);
    });

    it('leaves out processes whose CPU is not known yet (null)', () => {
      expect(cpuPids).not.toContain(100);
      expect(cpuPids).not.toContain(101);
    });

    it('gives each process sample a unique label set', () => {
      expect(new Set(cpuPids).size).toBe(cpuPids.length);
    });

    it('does not reorder the snapshot it was given', () => {
      const snapshot = makeSnapshot({ processes: [row(5, { cpuPercent: 1 }), row(2, { cpuPercent: 9 })] });
      renderMetrics(snapshot);
      expect(snapshot.processes.map((p) => p.pid)).toEqual([5, 2]);
    });
  });

  it('writes a parseable exposition when everything optional is missing', () => {
    const bare = makeSnapshot({
      self: { cpuPercent: null, memoryBytes: null },
      cpu: cpuFigures(),
      memory: memoryFigures({ totalBytes: 1, usedBytes: 0, availableBytes: 1 }),
      disks: [],
      volumes: [],
      network: [],
      gpus: [],
      totals: { processes: 0, threads: 0, handles: null },
      processes: [],
    });
    const { help, samples } = parseExposition(renderMetrics(bare));
    expect(help).toEqual([
      'taskmgr_cpu_logical_cores',
      'taskmgr_uptime_seconds',
      'taskmgr_memory_total_bytes',
      'taskmgr_memory_used_bytes',
      'taskmgr_memory_available_bytes',
      'taskmgr_processes',
      'taskmgr_threads',
    ]);
    expect(samples).toHaveLength(help.length);
  });
});

describe('escapeLabel', () => {
  it.each<[string, string]>([
    ['plain', 'plain'],
    ['a\\b', 'a\\\\b'],
    ['a"b', 'a\\"b'],
    ['a\nb', 'a\\nb'],
    ['\\"\n', '\\\\\\"\\n'],
    ['\\n', '\\\\n'], // a literal backslash-n stays distinguishable from a newline
    ['tab\there', 'tab\there'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(escapeLabel(input)).toBe(expected);
  });
});

describe('taskmgr_alert_active', () => {
  const rule = (id: string, name: string, fields: Partial<Rule> = {}): Rule => ruleFixture({ id, name, ...fields });
  const state = (ruleId: string, activeCount: number): RuleState => ({
    ruleId,
    state: activeCount > 0 ? 'firing' : 'watching',
    reason: null,
    activeCount,
    lastFiredAtMs: null,
    firedLastHour: activeCount,
    suppressedLastHour: 0,
  });
  const view = (rules: Rule[], states: RuleState[]): RulesView => ({ rules, states, isControlAllowed: false });
  const alertSamples = (rules: RulesView | null) => {
    const parsed = parseExposition(renderMetrics(makeSnapshot(), rules));
    return { ...parsed, samples: parsed.samples.filter((s) => s.name === 'taskmgr_alert_active') };
  };

  it('writes each enabled rule with its active alerts, 0 when none, as a gauge with its HELP', () => {
    const rules = view([rule('hog', 'CPU hog'), rule('leak', 'Memory leak'), rule('off', 'Switched off', { enabled: false }), rule('new', 'No state yet')], [state('hog', 2), state('leak', 0), state('off', 1)]);
    const { samples, help } = alertSamples(rules);
    expect(samples).toEqual([
      { name: 'taskmgr_alert_active', labels: { rule: 'CPU hog', rule_id: 'hog' }, value: 2 },
      { name: 'taskmgr_alert_active', labels: { rule: 'Memory leak', rule_id: 'leak' }, value: 0 },
      { name: 'taskmgr_alert_active', labels: { rule: 'No state yet', rule_id: 'new' }, value: 0 },
    ]);
    expect(help).toContain('taskmgr_alert_active');
    expect(renderMetrics(makeSnapshot(), rules)).toContain('\n# TYPE taskmgr_alert_active gauge\n');
  });

  it.each<[string, string]>([
    ['a backslash', String.raw`C:\burn.exe hog`],
    ['a double quote', 'the "burn" loop'],
    ['a newline', 'two\nlines'],
    ['all three', 'a\\b"c\nd'],
    ['a trailing backslash', 'ends\\'],
  ])('escapes %s in a rule name and round-trips it', (_what, name) => {
    const text = renderMetrics(makeSnapshot(), view([rule('r1', name)], [state('r1', 1)]));
    expect(text).toContain(`taskmgr_alert_active{rule="${escapeLabel(name)}",rule_id="r1"} 1\n`);
    expect(alertSamples(view([rule('r1', name)], [state('r1', 1)])).samples.map((s) => s.labels)).toEqual([{ rule: name, rule_id: 'r1' }]);
  });

  it('writes no alert family on a host without rules', () => {
    expect(alertSamples(null).samples).toEqual([]);
    expect(alertSamples(view([], [])).help).not.toContain('taskmgr_alert_active');
  });
});
