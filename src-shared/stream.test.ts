import { describe, expect, it } from 'vitest';
import { snapshotSchema, type App, type ProcessRow, type Snapshot } from './snapshot.ts';
import { cpuFigures, memoryFigures, processRow, snapshot as snapshotFixture } from './testing/fixtures.ts';
import { applyDelta, computeDelta, systemPart, type SnapshotDelta } from './stream.ts';

const BOOT_MS = 1_700_000_000_000;

function row(pid: number, fields: Partial<ProcessRow> = {}): ProcessRow {
  return processRow({
    pid,
    startTimeMs: BOOT_MS + pid * 10,
    user: 'alice',
    cpuPercent: 0,
    memoryBytes: 4096 * pid,
    residentBytes: 8192 * pid,
    threads: 1,
    ioReadBytesPerSec: 0,
    ioWriteBytesPerSec: 0,
    priority: 'normal',
    commandLine: `/usr/bin/p${pid} --serve`,
    exePath: `/usr/bin/p${pid}`,
    ...fields,
  });
}

function app(id: string, pids: readonly number[], fields: Partial<App> = {}): App {
  return { id, name: id, category: 'app', members: pids.map((pid) => ({ pid, startTimeMs: BOOT_MS + pid * 10 })), isResponding: null, ...fields };
}

function snapshot(seq: number, processes: ProcessRow[], apps: App[] = [], fields: Partial<Snapshot> = {}): Snapshot {
  const value = snapshotFixture({
    seq,
    takenAtMs: BOOT_MS + seq * 1000,
    self: { cpuPercent: 1, memoryBytes: 1_000_000 },
    cpu: cpuFigures({ totalPercent: 10 + seq, kernelPercent: 1, perCorePercent: [10, 20], logicalCores: 2, uptimeSec: seq }),
    memory: memoryFigures({ usedBytes: 2e9 + seq, availableBytes: 6e9 - seq }),
    network: [{ name: 'eth0', rxBytesPerSec: seq, txBytesPerSec: 0, rxTotalBytes: seq * 100, txTotalBytes: 0 }],
    processes,
    apps,
    ...fields,
  });
  expect(snapshotSchema.safeParse(value).error).toBeUndefined();
  return value;
}

function byPid(s: Snapshot): Snapshot {
  return { ...s, processes: [...s.processes].sort((a, b) => a.pid - b.pid) };
}

/** A deep copy (the contract's lib has no structuredClone: no DOM, no Node). */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Through JSON, as over the socket: `apps: undefined` and the like must not matter. */
function overTheWire(delta: SnapshotDelta): SnapshotDelta {
  return JSON.parse(JSON.stringify(delta)) as SnapshotDelta;
}

const PREV = snapshot(10, [row(1), row(2), row(3), row(4)], [app('editor', [2, 3])]);

interface Case {
  name: string;
  next: Snapshot;
  upserted: number[];
  removed: { pid: number; startTimeMs: number }[];
  hasApps: boolean;
}

const CASES: Case[] = [
  {
    name: 'nothing changed but the system figures',
    next: snapshot(11, [row(1), row(2), row(3), row(4)], [app('editor', [2, 3])]),
    upserted: [],
    removed: [],
    hasApps: false,
  },
  {
    name: 'one row changed (CPU), the others unchanged and not sent',
    next: snapshot(11, [row(1), row(2, { cpuPercent: 42 }), row(3), row(4)], [app('editor', [2, 3])]),
    upserted: [2],
    removed: [],
    hasApps: false,
  },
  {
    name: 'a figure became null',
    next: snapshot(11, [row(1), row(2), row(3, { memoryBytes: null }), row(4)], [app('editor', [2, 3])]),
    upserted: [3],
    removed: [],
    hasApps: false,
  },
  {
    name: 'a new process',
    next: snapshot(11, [row(1), row(2), row(3), row(4), row(5)], [app('editor', [2, 3])]),
    upserted: [5],
    removed: [],
    hasApps: false,
  },
  {
    name: 'a process gone',
    next: snapshot(11, [row(1), row(2), row(4)], [app('editor', [2])]),
    upserted: [],
    removed: [{ pid: 3, startTimeMs: BOOT_MS + 30 }],
    hasApps: true,
  },
  {
    name: 'a pid reused with a new start time: removed and upserted',
    next: snapshot(11, [row(1), row(2), row(3), row(4, { startTimeMs: BOOT_MS + 99_000, name: 'other' })], [app('editor', [2, 3])]),
    upserted: [4],
    removed: [{ pid: 4, startTimeMs: BOOT_MS + 40 }],
    hasApps: false,
  },
  {
    name: 'the apps changed (a member added)',
    next: snapshot(11, [row(1), row(2), row(3), row(4)], [app('editor', [2, 3, 4])]),
    upserted: [],
    removed: [],
    hasApps: true,
  },
  {
    name: 'the apps changed (category only)',
    next: snapshot(11, [row(1), row(2), row(3), row(4)], [app('editor', [2, 3], { category: 'background' })]),
    upserted: [],
    removed: [],
    hasApps: true,
  },
  {
    name: 'Windows: an app stopped responding (only isResponding changed)',
    next: snapshot(11, [row(1), row(2), row(3), row(4)], [app('editor', [2, 3], { isResponding: false })]),
    upserted: [],
    removed: [],
    hasApps: true,
  },
  {
    name: 'Windows: the services of a process became known (null → [])',
    next: snapshot(11, [row(1, { services: [] }), row(2), row(3), row(4)], [app('editor', [2, 3])]),
    upserted: [1],
    removed: [],
    hasApps: false,
  },
  {
    name: 'the apps changed (a new app)',
    next: snapshot(11, [row(1), row(2), row(3), row(4)], [app('editor', [2, 3]), app('shell', [4])]),
    upserted: [],
    removed: [],
    hasApps: true,
  },
  {
    name: 'everything at once, in a different row order',
    next: snapshot(
      11,
      [row(6), row(4, { startTimeMs: BOOT_MS + 99_000 }), row(2, { state: 'running' }), row(1)],
      [app('editor', [2]), app('shell', [6])],
    ),
    upserted: [6, 4, 2],
    removed: [
      { pid: 4, startTimeMs: BOOT_MS + 40 },
      { pid: 3, startTimeMs: BOOT_MS + 30 },
    ],
    hasApps: true,
  },
  {
    name: 'every process replaced',
    next: snapshot(11, [row(7), row(8)], []),
    upserted: [7, 8],
    removed: [1, 2, 3, 4].map((pid) => ({ pid, startTimeMs: BOOT_MS + pid * 10 })),
    hasApps: true,
  },
];

describe('computeDelta and applyDelta', () => {
  it.each(CASES)('$name', ({ next, upserted, removed, hasApps }) => {
    const delta = computeDelta(PREV, next);
    expect(delta.seq).toBe(next.seq);
    expect(delta.baseSeq).toBe(PREV.seq);
    expect(delta.system).toEqual(systemPart(next));
    expect(delta.upserted.map((r) => r.pid)).toEqual(upserted);
    expect(delta.upserted).toEqual(upserted.map((pid) => next.processes.find((p) => p.pid === pid)));
    expect(delta.removed).toEqual(removed);
    expect('apps' in delta).toBe(hasApps);

    for (const sent of [delta, overTheWire(delta)]) {
      const applied = applyDelta(PREV, sent);
      expect(applied).not.toBeNull();
      if (!applied) return;
      expect(byPid(applied)).toEqual(byPid(next));
      expect(snapshotSchema.safeParse(applied).error).toBeUndefined();
    }
  });

  it('compares hosted services by content: a new but equal array is no change, another list is', () => {
    const base = snapshot(10, [row(1, { services: ['Dnscache', 'nsi'] }), row(2, { services: [] })]);
    const same = snapshot(11, [row(1, { services: ['Dnscache', 'nsi'] }), row(2, { services: [] })]);
    const changed = snapshot(11, [row(1, { services: ['Dnscache'] }), row(2, { services: ['Spooler'] })]);
    expect(computeDelta(base, same).upserted).toEqual([]);
    expect(computeDelta(base, changed).upserted.map((r) => r.pid)).toEqual([1, 2]);
  });

  it('keeps the base order and puts new and reused rows last', () => {
    const next = snapshot(11, [row(5), row(4, { startTimeMs: BOOT_MS + 99_000 }), row(3), row(2, { cpuPercent: 7 }), row(1)]);
    const applied = applyDelta(PREV, computeDelta(PREV, next));
    expect(applied?.processes.map((p) => p.pid)).toEqual([1, 2, 3, 5, 4]);
  });

  it('does not change the base snapshot', () => {
    const base = clone(PREV);
    const next = CASES.at(-2)?.next ?? PREV;
    applyDelta(base, computeDelta(base, next));
    expect(base).toEqual(PREV);
  });

  it('follows a chain of deltas to the last snapshot', () => {
    const chain = [
      PREV,
      snapshot(11, [row(1), row(2, { cpuPercent: 3 }), row(3), row(4), row(5)], [app('editor', [2, 3])]),
      snapshot(12, [row(1), row(2, { cpuPercent: 3 }), row(4, { startTimeMs: BOOT_MS + 5000 }), row(5)], [app('editor', [2])]),
      snapshot(13, [row(1), row(4, { startTimeMs: BOOT_MS + 5000, threads: 9 }), row(5), row(6)], []),
    ];
    let client: Snapshot | null = PREV;
    for (let i = 1; i < chain.length; i++) {
      const [prev, next] = [chain[i - 1], chain[i]];
      if (!prev || !next || !client) throw new Error('chain');
      client = applyDelta(client, overTheWire(computeDelta(prev, next)));
      expect(client && byPid(client)).toEqual(byPid(next));
    }
  });

  it.each([
    ['an older snapshot', 9],
    ['a newer snapshot', 11],
    ['the first snapshot of a restarted collector', 1],
  ])('refuses to apply to the wrong base (%s): null', (_name, seq) => {
    const delta = computeDelta(PREV, CASES[1]?.next ?? PREV);
    expect(applyDelta({ ...PREV, seq }, delta)).toBeNull();
  });

  it('ignores a removal whose start time does not match the row it has (another process)', () => {
    const delta: SnapshotDelta = { ...computeDelta(PREV, snapshot(11, PREV.processes)), removed: [{ pid: 2, startTimeMs: BOOT_MS + 1 }] };
    expect(applyDelta(PREV, delta)?.processes.map((p) => p.pid)).toEqual([1, 2, 3, 4]);
  });

  it('sends no rows for identical processes and is much smaller than the snapshot', () => {
    const processes = Array.from({ length: 300 }, (_, i) => row(i + 1, { cpuPercent: (i % 7) / 10 }));
    const apps = [app('editor', [2, 3]), app('shell', [4, 5, 6])];
    const prev = snapshot(20, processes, apps);
    const next = snapshot(21, clone(processes), clone(apps));
    const delta = computeDelta(prev, next);
    expect(delta.upserted).toEqual([]);
    expect(delta.removed).toEqual([]);
    expect(delta.apps).toBeUndefined();
    const deltaBytes = JSON.stringify(delta).length;
    const snapshotBytes = JSON.stringify(next).length;
    expect(deltaBytes * 20).toBeLessThan(snapshotBytes);
    expect(byPid(applyDelta(prev, delta) ?? prev)).toEqual(byPid(next));
  });
});
