import { describe, expect, it } from 'vitest';
import type { Rule, RulesView, RuleState } from '../../src-shared/alerts.ts';
import { snapshotSchema, type ProcessRow, type Snapshot } from '../../src-shared/snapshot.ts';
import { cpuFigures, FIXTURE_TIME_MS, memoryFigures, processRow, ruleFixture, snapshot } from '../../src-shared/testing/fixtures.ts';
import { HELP_LINE, parseExposition, SAMPLE_LINE, valuesOf } from '../test-support/exposition.ts';
import { escapeLabel, renderMetrics, type MetricsContext } from './metrics.ts';

const START_MS = 1_700_000_000_000;
const HOST_PID = 4000;
const COLLECTOR_PID = 4001;

/** A scrape 1.5 s after the snapshot, top 10, version 1.2.3, the host and collector running. */
function render(snapshot: Snapshot, context: Partial<MetricsContext> = {}): string {
  return renderMetrics(snapshot, {
    rules: null,
    topN: 10,
    version: '1.2.3',
    nowMs: snapshot.takenAtMs + 1500,
    ownPids: { host: HOST_PID, collector: COLLECTOR_PID },
    ...context,
  });
}

function row(pid: number, fields: Partial<ProcessRow> = {}): ProcessRow {
  return processRow({ pid, name: `proc-${pid}`, cpuPercent: 1, memoryBytes: 1_000_000 * pid, ...fields });
}

/** A snapshot with every figure known, one device of each kind; validated against the contract. */
function makeSnapshot(fields: Partial<Snapshot> = {}): Snapshot {
  const value = snapshot({
    seq: 7,
    takenAtMs: START_MS + 7000,
    self: { cpuPercent: 2, memoryBytes: 50_000_000, processes: [{ pid: HOST_PID, cpuSeconds: 12.5 }, { pid: COLLECTOR_PID, cpuSeconds: 30.25 }] },
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
    totals: { processes: 5, threads: 5, handles: 900 },
    processes: [
      row(1, { name: 'init', ppid: 0, cpuPercent: 0.5 }),
      row(200, { cpuPercent: 40, state: 'running' }),
      row(300, { cpuPercent: null, state: 'zombie' }),
      row(HOST_PID, { name: 'node', cpuPercent: 1.5, memoryBytes: 30_000_000, residentBytes: 70_000_000 }),
      row(COLLECTOR_PID, { name: 'node', cpuPercent: 0.5, memoryBytes: 20_000_000, residentBytes: 45_000_000 }),
    ],
    apps: [{ id: 'editor', name: 'Editor', category: 'app', members: [{ pid: 200, startTimeMs: FIXTURE_TIME_MS }, { pid: 300, startTimeMs: FIXTURE_TIME_MS }], isResponding: null }],
    ...fields,
  });
  // A fixture the contract would refuse would test nothing real.
  expect(snapshotSchema.safeParse(value).error).toBeUndefined();
  return value;
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
  const full = parseExposition(render(makeSnapshot()));

  it('writes only HELP, TYPE and sample lines, every name with the taskmgr_ prefix', () => {
    expect(full.samples.length).toBeGreaterThan(20);
    for (const name of [...full.help, ...full.types, ...full.samples.map((s) => s.name)]) expect(name).toMatch(/^taskmgr_/);
  });

  it('writes HELP then TYPE once per family, before its samples, and keeps a family together', () => {
    const text = render(makeSnapshot());
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
    const text = render(makeSnapshot());
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
    ['taskmgr_threads', [5]],
    ['taskmgr_handles', [900]],
    ['taskmgr_self_cpu_ratio', [0.02]],
    ['taskmgr_self_memory_bytes', [50_000_000]],
    ['taskmgr_build_info', [1]],
    ['taskmgr_scrape_snapshot_age_seconds', [1.5]],
    ['taskmgr_self_cpu_seconds_total', [12.5, 30.25]],
    ['taskmgr_self_resident_bytes', [70_000_000, 45_000_000]],
    // Editor (pids 200 and 300, the latter's CPU unknown), then every process in no app.
    ['taskmgr_app_cpu_ratio', [0.4, 0.025]],
    ['taskmgr_app_memory_bytes', [500_000_000, 51_000_000]],
    ['taskmgr_app_processes', [2, 3]],
    // proc-200, node (host + collector), init, proc-300 (CPU unknown: no CPU sample), then other (empty).
    ['taskmgr_executable_cpu_ratio', [0.4, 0.02, 0.005, 0]],
    ['taskmgr_executable_memory_bytes', [200_000_000, 50_000_000, 1_000_000, 300_000_000, 0]],
    ['taskmgr_executable_processes', [1, 2, 1, 1, 0]],
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
    const { samples } = parseExposition(render(makeSnapshot({ cpu: { ...makeSnapshot().cpu, totalPercent: 100, perCorePercent: [0, 100] } })));
    expect(valuesOf(samples, 'taskmgr_cpu_utilization_ratio')).toEqual([1]);
    expect(valuesOf(samples, 'taskmgr_cpu_core_utilization_ratio')).toEqual([0, 1]);
  });

  it('labels devices, apps, executables, states and own processes', () => {
    const byName = (name: string) => full.samples.find((s) => s.name === name)?.labels;
    expect(byName('taskmgr_cpu_core_utilization_ratio')).toEqual({ core: '0' });
    expect(byName('taskmgr_disk_read_bytes_per_second')).toEqual({ disk: 'sda', name: 'Disk 0' });
    expect(byName('taskmgr_volume_size_bytes')).toEqual({ mount: '/', fstype: 'ext4' });
    expect(byName('taskmgr_network_receive_bytes_total')).toEqual({ interface: 'eth0' });
    expect(byName('taskmgr_gpu_temperature_celsius')).toEqual({ gpu: 'card0', name: 'Test GPU' });
    expect(byName('taskmgr_app_cpu_ratio')).toEqual({ app: 'Editor' });
    expect(byName('taskmgr_executable_cpu_ratio')).toEqual({ executable: 'proc-200' });
    expect(byName('taskmgr_processes')).toEqual({ state: 'running' });
    expect(byName('taskmgr_self_cpu_seconds_total')).toEqual({ process: 'host' });
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
      const text = render(makeSnapshot(fields));
      expect(text).not.toContain(family + ' ');
      expect(text).not.toContain(family + '{');
      parseExposition(text);
    });

    it('leaves out only the missing sample of a family that has others', () => {
      const cpu = { ...makeSnapshot().cpu, perCorePercent: [null, 80] };
      const { samples, help } = parseExposition(render(makeSnapshot({ cpu })));
      const cores = samples.filter((s) => s.name === 'taskmgr_cpu_core_utilization_ratio');
      expect(cores).toEqual([{ name: 'taskmgr_cpu_core_utilization_ratio', labels: { core: '1' }, value: 0.8 }]);
      expect(help.filter((h) => h === 'taskmgr_cpu_core_utilization_ratio')).toHaveLength(1);
    });

    it('leaves out a bucket whose members all have that figure null, keeping its other figures', () => {
      const { samples } = parseExposition(render(makeSnapshot({ processes: [row(42, { name: 'fresh', cpuPercent: null, memoryBytes: null })], apps: [] })));
      expect(samples.filter((s) => s.labels['executable'] === 'fresh')).toEqual([]);
      expect(samples.filter((s) => s.labels['executable'] === 'other').map((s) => [s.name, s.value])).toEqual([['taskmgr_executable_processes', 1]]);
    });
  });

  describe('label values', () => {
    it.each<[string, string]>([
      ['a backslash', String.raw`C:\Program Files\app.exe`],
      ['a double quote', 'say "hi"'],
      ['a newline', 'two\nlines'],
      ['all three', 'a\\b"c\nd'],
      ['a trailing backslash', 'ends\\'],
      ['non-ASCII', 'café ☕'],
    ])('escapes %s in an executable and an app name and round-trips them', (_name, name) => {
      const apps = [{ id: 'a', name, category: 'app' as const, members: [{ pid: 42, startTimeMs: FIXTURE_TIME_MS }], isResponding: null }];
      const { samples } = parseExposition(render(makeSnapshot({ processes: [row(42, { name, cpuPercent: 5 })], apps })));
      expect(samples.filter((s) => s.name === 'taskmgr_executable_cpu_ratio').map((s) => s.labels)).toEqual([{ executable: name }, { executable: 'other' }]);
      expect(samples.filter((s) => s.name === 'taskmgr_app_cpu_ratio').map((s) => s.labels)).toEqual([{ app: name }, { app: 'other' }]);
    });
  });

  describe('the app and executable series', () => {
    // 30 processes of 15 executables (two processes each), CPU and memory rising with the executable's number.
    const processes = Array.from({ length: 30 }, (_, i) => row(i + 1, { name: `exe-${i % 15}`, cpuPercent: (i % 15) / 10, memoryBytes: 1000 * (i % 15) }));
    const sample = (n: number) => parseExposition(render(makeSnapshot({ processes, apps: [] }), { topN: n })).samples;

    it('never labels a process by its pid', () => {
      for (const s of full.samples) expect(Object.keys(s.labels)).not.toContain('pid');
      expect(full.help).not.toContain('taskmgr_process_cpu_ratio');
    });

    it.each([1, 3, 10, 14, 15, 100])('keeps the top %i executables and sums the rest into other: the sums are every process', (n) => {
      const samples = sample(n);
      const cpu = samples.filter((s) => s.name === 'taskmgr_executable_cpu_ratio');
      const kept = Math.min(n, 14); // exe-0 uses no CPU and no memory: never kept
      expect(cpu.map((s) => s.labels['executable'])).toEqual([...Array.from({ length: kept }, (_, i) => `exe-${14 - i}`), 'other']);
      const total = processes.reduce((sum, p) => sum + (p.cpuPercent ?? 0) / 100, 0);
      expect(cpu.reduce((sum, s) => sum + s.value, 0)).toBeCloseTo(total, 12);
      expect(valuesOf(samples, 'taskmgr_executable_processes').reduce((a, b) => a + b, 0)).toBe(30);
      expect(valuesOf(samples, 'taskmgr_executable_memory_bytes').reduce((a, b) => a + b, 0)).toBe(processes.reduce((sum, p) => sum + (p.memoryBytes ?? 0), 0));
    });

    it('sums apps of one name into one series (a label set is never written twice)', () => {
      const member = (pid: number) => ({ pid, startTimeMs: FIXTURE_TIME_MS });
      const apps = [
        { id: 'w1', name: 'Browser', category: 'app' as const, members: [member(1)], isResponding: null },
        { id: 'w2', name: 'Browser', category: 'app' as const, members: [member(2)], isResponding: null },
      ];
      const { samples } = parseExposition(render(makeSnapshot({ processes: [row(1), row(2), row(3)], apps })));
      expect(samples.filter((s) => s.name === 'taskmgr_app_processes').map((s) => [s.labels['app'], s.value])).toEqual([
        ['Browser', 2],
        ['other', 1],
      ]);
    });

    it('a process of a reused pid (another start time) is not counted in the app of the pid', () => {
      const apps = [{ id: 'a', name: 'Editor', category: 'app' as const, members: [{ pid: 1, startTimeMs: FIXTURE_TIME_MS - 1 }], isResponding: null }];
      const { samples } = parseExposition(render(makeSnapshot({ processes: [row(1)], apps })));
      expect(samples.filter((s) => s.name === 'taskmgr_app_processes').map((s) => [s.labels['app'], s.value])).toEqual([['other', 1]]);
    });

    it('renames the bucket, not the app, when an app really named other is kept, and says so in HELP', () => {
      const apps = [{ id: 'o', name: 'other', category: 'app' as const, members: [{ pid: 1, startTimeMs: FIXTURE_TIME_MS }], isResponding: null }];
      const text = render(makeSnapshot({ processes: [row(1), row(2)], apps }));
      const { samples } = parseExposition(text);
      expect(samples.filter((s) => s.name === 'taskmgr_app_processes').map((s) => [s.labels['app'], s.value])).toEqual([
        ['other', 1],
        ['(other)', 1],
      ]);
      expect(text).toMatch(/^# HELP taskmgr_app_processes .*app="\(other\)" every other process/m);
    });

    it('counts processes by state, every state present, the sum being every process', () => {
      expect(full.samples.filter((s) => s.name === 'taskmgr_processes').map((s) => [s.labels['state'], s.value])).toEqual([
        ['running', 1],
        ['sleeping', 3],
        ['zombie', 1],
      ]);
    });

    it('writes own-process series only for the processes measured: not the inventory when it is not running, none from an older collector', () => {
      const roles = (text: string) => parseExposition(text).samples.filter((s) => s.name === 'taskmgr_self_cpu_seconds_total').map((s) => s.labels['process']);
      expect(roles(render(makeSnapshot()))).toEqual(['host', 'collector']);
      expect(roles(render(makeSnapshot(), { ownPids: { host: HOST_PID, inventory: 4002 } }))).toEqual(['host']);
      expect(roles(render(makeSnapshot({ self: { cpuPercent: 2, memoryBytes: 50_000_000 } })))).toEqual([]);
    });

    it('writes the snapshot age from the scrape time, never below 0, and the version', () => {
      const later = parseExposition(render(makeSnapshot(), { nowMs: START_MS + 7000 + 65_250 })).samples;
      expect(valuesOf(later, 'taskmgr_scrape_snapshot_age_seconds')).toEqual([65.25]);
      const early = parseExposition(render(makeSnapshot(), { nowMs: START_MS })).samples;
      expect(valuesOf(early, 'taskmgr_scrape_snapshot_age_seconds')).toEqual([0]);
      expect(later.find((s) => s.name === 'taskmgr_build_info')?.labels).toEqual({ version: '1.2.3' });
    });

    it('does not reorder the snapshot it was given', () => {
      const snapshot = makeSnapshot({ processes: [row(5, { cpuPercent: 1 }), row(2, { cpuPercent: 9 })], apps: [] });
      render(snapshot);
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
      apps: [],
    });
    const { help, samples } = parseExposition(render(bare));
    expect(help).toEqual([
      'taskmgr_cpu_logical_cores',
      'taskmgr_uptime_seconds',
      'taskmgr_memory_total_bytes',
      'taskmgr_memory_used_bytes',
      'taskmgr_memory_available_bytes',
      'taskmgr_build_info',
      'taskmgr_scrape_snapshot_age_seconds',
      'taskmgr_threads',
      'taskmgr_app_cpu_ratio',
      'taskmgr_app_memory_bytes',
      'taskmgr_app_processes',
      'taskmgr_executable_cpu_ratio',
      'taskmgr_executable_memory_bytes',
      'taskmgr_executable_processes',
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
    const parsed = parseExposition(render(makeSnapshot(), { rules }));
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
    expect(render(makeSnapshot(), { rules })).toContain('\n# TYPE taskmgr_alert_active gauge\n');
  });

  it.each<[string, string]>([
    ['a backslash', String.raw`C:\burn.exe hog`],
    ['a double quote', 'the "burn" loop'],
    ['a newline', 'two\nlines'],
    ['all three', 'a\\b"c\nd'],
    ['a trailing backslash', 'ends\\'],
  ])('escapes %s in a rule name and round-trips it', (_what, name) => {
    const text = render(makeSnapshot(), { rules: view([rule('r1', name)], [state('r1', 1)]) });
    expect(text).toContain(`taskmgr_alert_active{rule="${escapeLabel(name)}",rule_id="r1"} 1\n`);
    expect(alertSamples(view([rule('r1', name)], [state('r1', 1)])).samples.map((s) => s.labels)).toEqual([{ rule: name, rule_id: 'r1' }]);
  });

  it('writes no alert family on a host without rules', () => {
    expect(alertSamples(null).samples).toEqual([]);
    expect(alertSamples(view([], [])).help).not.toContain('taskmgr_alert_active');
  });
});
