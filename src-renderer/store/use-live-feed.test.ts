import { describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../src-shared/api.ts';
import type { Alert } from '../../src-shared/alerts.ts';
import type { Inventory } from '../../src-shared/inventory.ts';
import { failure } from '../../src-shared/results.ts';
import { DEFAULT_HISTORY_SETTINGS, type AnyQueryResult, type Broadcast, type HistoryStatus, type Query, type SystemPoint } from '../../src-shared/query.ts';
import { BROWSER_SHELL_STATE } from '../../src-shared/browser-shell-state.ts';
import type { ShownMachine } from '../../src-shared/machines.ts';
import type { ShellState } from '../../src-shared/shell.ts';
import { computeDelta, type ConnectionState, type SnapshotMessage } from '../../src-shared/stream.ts';
import { cpuFigures, FIXTURE_TIME_MS, processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { inventoryFixture } from '../../src-shared/testing/inventory-fixture.ts';
import { activeAlertCount } from './alerts-slice.ts';
import { createAppStore } from './store.ts';
import { connectLiveFeed } from './use-live-feed.ts';

const T0 = FIXTURE_TIME_MS;

function seriesPoint(offsetMs: number): SystemPoint {
  const { processes: _p, apps: _a, volumes: _v, ...point } = snapshot({ seq: offsetMs / 1000 + 1, takenAtMs: T0 + offsetMs, cpu: cpuFigures({ totalPercent: 10 }) });
  return point;
}

/** The parts of the API the feed uses, driven by the test: it pushes, and answers queries when told. */
function fakeApi(answers: { recentSeries: AnyQueryResult; inventory: AnyQueryResult; historyStatus?: AnyQueryResult; alerts?: AnyQueryResult }) {
  const listeners = {
    snapshot: new Set<(m: SnapshotMessage) => void>(),
    connection: new Set<(c: ConnectionState) => void>(),
    broadcast: new Set<(b: Broadcast) => void>(),
    shell: new Set<(s: ShellState) => void>(),
  };
  const asked: Query['kind'][] = [];
  const on =
    <T>(set: Set<(value: T) => void>) =>
    (listener: (value: T) => void) => {
      set.add(listener);
      return () => set.delete(listener);
    };
  const api = {
    onSnapshotMessage: on(listeners.snapshot),
    onStatus: () => () => undefined,
    onShellState: on(listeners.shell),
    onConnection: on(listeners.connection),
    onBroadcast: on(listeners.broadcast),
    query: (query: Query) => {
      asked.push(query.kind);
      const answer =
        query.kind === 'recentSeries' || query.kind === 'inventory' || query.kind === 'historyStatus' || query.kind === 'alerts' ? answers[query.kind] : undefined;
      return Promise.resolve(answer ?? failure('HISTORY_OFF', 'not in this test'));
    },
  };
  return {
    api: api as unknown as TaskManagerApi,
    asked,
    connect: (state: ConnectionState['state']) => {
      for (const l of listeners.connection) l({ state, message: null, sinceMs: 0 });
    },
    push: (message: SnapshotMessage) => {
      for (const l of listeners.snapshot) l(message);
    },
    broadcast: (broadcast: Broadcast) => {
      for (const l of listeners.broadcast) l(broadcast);
    },
    shell: (shell: ShellState) => {
      for (const l of listeners.shell) l(shell);
    },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const series = (points: SystemPoint[]): AnyQueryResult => ({ ok: true, kind: 'recentSeries', value: { spanMs: 300_000, points } });
const facts = (inventory: Inventory | null): AnyQueryResult => ({ ok: true, kind: 'inventory', value: inventory });

describe('connectLiveFeed', () => {
  it('once connected, seeds the chart history with the host’s last minutes, before the live points', async () => {
    const store = createAppStore(null); // update speed "normal": 1 s
    const fake = fakeApi({ recentSeries: series([0, 1000, 2000, 3000].map(seriesPoint)), inventory: facts(null) });
    const off = connectLiveFeed(fake.api, store);
    expect(fake.asked).toEqual([]);
    fake.connect('connected');
    fake.push({ type: 'snapshot', snapshot: snapshot({ seq: 5, takenAtMs: T0 + 4000 }) });
    await flush();
    expect(fake.asked.sort()).toEqual(['alerts', 'historyStatus', 'inventory', 'recentSeries']);
    expect(store.getState().history.map((p) => p.takenAtMs - T0)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(store.getState().history[0]?.cpuPercent).toBe(10);
    off();
  });

  it('asks again after the link came back, not on every status of a steady link', async () => {
    const store = createAppStore(null);
    const fake = fakeApi({ recentSeries: series([]), inventory: facts(null) });
    const off = connectLiveFeed(fake.api, store);
    fake.connect('connecting');
    fake.connect('connected');
    fake.connect('connected');
    expect(fake.asked).toHaveLength(4);
    fake.connect('lost');
    fake.connect('connected');
    expect(fake.asked).toHaveLength(8);
    off();
  });

  it('takes the inventory from the query and from broadcasts, keeping the newer read', async () => {
    const store = createAppStore(null);
    const older = inventoryFixture({ bootId: 'older', readAtMs: T0 });
    const newer = inventoryFixture({ bootId: 'newer', readAtMs: T0 + 60_000 });
    const fake = fakeApi({ recentSeries: series([]), inventory: facts(older) });
    const off = connectLiveFeed(fake.api, store);
    fake.connect('connected');
    fake.broadcast({ type: 'inventory', inventory: newer });
    await flush(); // the query's older answer arrives after the broadcast
    expect(store.getState().inventory).toBe(newer);
    fake.broadcast({ type: 'inventory', inventory: inventoryFixture({ bootId: 'latest', readAtMs: T0 + 120_000 }) });
    expect(store.getState().inventory?.bootId).toBe('latest');
    off();
  });

  it('ignores a failed query and answers that come after it was undone', async () => {
    const store = createAppStore(null);
    const fake = fakeApi({ recentSeries: { ok: false, code: 'COLLECTOR_DOWN', message: 'not connected' }, inventory: facts(inventoryFixture()) });
    const off = connectLiveFeed(fake.api, store);
    fake.connect('connected');
    off();
    await flush();
    expect(store.getState().history).toEqual([]);
    expect(store.getState().inventory).toBeNull();
  });

  it('keeps history’s status from the query at connect, and from every broadcast after it', async () => {
    const store = createAppStore(null);
    const fake = fakeApi({ recentSeries: series([]), inventory: facts(null), historyStatus: { ok: true, kind: 'historyStatus', value: status('recording', null) } });
    const off = connectLiveFeed(fake.api, store);
    fake.connect('connected');
    await flush();
    expect(store.getState().historyStatus?.state).toBe('recording');
    fake.broadcast({ type: 'historyStatus', status: status('paused', 'the disk is full') });
    expect(store.getState().historyStatus).toMatchObject({ state: 'paused', reason: 'the disk is full' });
    off();
  });

  it('drops the query’s status when a broadcast came after it was asked (the broadcast is newer)', async () => {
    const store = createAppStore(null);
    const fake = fakeApi({ recentSeries: series([]), inventory: facts(null), historyStatus: { ok: true, kind: 'historyStatus', value: status('recording', null) } });
    const off = connectLiveFeed(fake.api, store);
    fake.connect('connected');
    fake.broadcast({ type: 'historyStatus', status: status('readOnly', 'serve writes to this folder') });
    await flush();
    expect(store.getState().historyStatus?.state).toBe('readOnly');
    off();
  });

  it('counts active alerts from the query and each alert broadcast; a cleared one moves to the past', async () => {
    const store = createAppStore(null);
    const fake = fakeApi({ recentSeries: series([]), inventory: facts(null), alerts: { ok: true, kind: 'alerts', value: { active: [alertOf('a', null)], recent: [] } } });
    const off = connectLiveFeed(fake.api, store);
    fake.connect('connected');
    await flush();
    expect(store.getState().alerts.map((a) => a.id)).toEqual(['a']);
    fake.broadcast({ type: 'alert', alert: alertOf('b', null) });
    expect(activeAlertCount(store.getState())).toBe(2);
    expect(store.getState().alertToast?.id).toBe('b');
    fake.broadcast({ type: 'alert', alert: alertOf('a', T0 + 5_000) });
    expect(activeAlertCount(store.getState())).toBe(1);
    expect(store.getState().alerts.find((a) => a.id === 'a')?.clearedAtMs).toBe(T0 + 5_000);
    off();
  });

  it('keeps an alert broadcast while the query was on its way over the answer’s older word', async () => {
    const store = createAppStore(null);
    const fake = fakeApi({ recentSeries: series([]), inventory: facts(null), alerts: { ok: true, kind: 'alerts', value: { active: [alertOf('a', null)], recent: [] } } });
    const off = connectLiveFeed(fake.api, store);
    fake.connect('connected');
    fake.broadcast({ type: 'alert', alert: alertOf('a', T0 + 5_000) });
    await flush();
    expect(activeAlertCount(store.getState())).toBe(0);
    off();
  });
});

describe('connectLiveFeed: the desktop app shows another machine', () => {
  const desktop: ShellState = { ...BROWSER_SHELL_STATE, isDesktopApp: true, platform: 'linux' };
  const buildServer = (state: ShownMachine['state']): ShellState => {
    const machine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: null, color: '#1565c0', hasControlToken: false };
    return { ...desktop, machines: [machine], shownMachine: { ...machine, state, message: state === 'unreachable' ? 'the host does not answer' : null } };
  };
  const rows = (pids: number[]) => pids.map((pid) => processRow({ pid, name: `p${pid}`, startTimeMs: T0 + pid }));
  const pidsShown = (store: ReturnType<typeof createAppStore>) => store.getState().snapshot?.processes.map((p) => p.pid);

  it('forgets the machine before (rows, charts, facts, alerts, selection, the past), then shows the new one’s whole snapshot and its deltas', async () => {
    const store = createAppStore(null);
    const fake = fakeApi({
      recentSeries: series([0, 1000].map(seriesPoint)),
      inventory: facts(inventoryFixture()),
      alerts: { ok: true, kind: 'alerts', value: { active: [alertOf('a', null)], recent: [] } },
    });
    const off = connectLiveFeed(fake.api, store);
    fake.connect('connected');
    fake.shell(desktop);
    const local = snapshot({ seq: 7, takenAtMs: T0 + 2000, processes: rows([1, 2, 3]) });
    fake.push({ type: 'snapshot', snapshot: local });
    await flush();
    store.getState().select('2:' + String(T0 + 2), 'only');
    store.getState().startTravel(T0);
    expect(store.getState().history.length).toBeGreaterThan(0);
    expect(store.getState().alerts).toHaveLength(1);

    fake.shell(buildServer('connecting'));
    const state = store.getState();
    expect([state.snapshot, state.inventory, state.viewAtMs, state.alerts, state.history]).toEqual([null, null, null, [], []]);
    expect(state.selected.size).toBe(0);
    expect(state.shell?.shownMachine?.name).toBe('build-server');

    // Main sends the new machine's whole snapshot first (its seq may be any: another collector).
    const remote = snapshot({ seq: 7, takenAtMs: T0 + 3000, processes: rows([50, 51]) });
    fake.push({ type: 'snapshot', snapshot: remote });
    expect(pidsShown(store)).toEqual([50, 51]);
    fake.push({ type: 'delta', delta: computeDelta(remote, { ...remote, seq: 8, processes: rows([50, 52]) }) });
    expect(pidsShown(store)).toEqual([50, 52]);

    // Back to this computer: empty again until its whole snapshot, which has none of the remote rows.
    fake.shell(desktop);
    expect(store.getState().snapshot).toBeNull();
    fake.push({ type: 'snapshot', snapshot: { ...local, seq: 9 } });
    expect(pidsShown(store)).toEqual([1, 2, 3]);
    off();
  });

  it('asks the machine shown once it is connected (not while connecting), again after it was unreachable, and drops the late answers of the machine before', async () => {
    const store = createAppStore(null);
    const fake = fakeApi({ recentSeries: series([]), inventory: facts(null) });
    const waiting: { kind: Query['kind']; answer(result: AnyQueryResult): void }[] = [];
    (fake.api as { query: (query: Query) => Promise<AnyQueryResult> }).query = (query) =>
      new Promise((resolve) => waiting.push({ kind: query.kind, answer: resolve }));
    const off = connectLiveFeed(fake.api, store);
    fake.connect('connected');
    fake.shell(desktop);
    expect(waiting).toHaveLength(4);
    const localAnswers = waiting.splice(0);

    fake.shell(buildServer('connecting'));
    expect(waiting).toHaveLength(0);
    fake.shell(buildServer('connected'));
    expect(waiting.map((w) => w.kind).sort()).toEqual(['alerts', 'historyStatus', 'inventory', 'recentSeries']);
    // This computer's facts, answered after the switch: another machine's, dropped.
    localAnswers.find((w) => w.kind === 'inventory')?.answer(facts(inventoryFixture({ bootId: 'this-computer' })));
    waiting.find((w) => w.kind === 'inventory')?.answer(facts(inventoryFixture({ bootId: 'build-server' })));
    await flush();
    expect(store.getState().inventory?.bootId).toBe('build-server');

    waiting.splice(0);
    fake.shell(buildServer('connected'));
    expect(waiting).toHaveLength(0); // a steady machine is not asked again
    fake.shell(buildServer('unreachable'));
    expect(store.getState().inventory?.bootId).toBe('build-server'); // the same machine: nothing forgotten
    fake.shell(buildServer('connected'));
    expect(waiting).toHaveLength(4);
    off();
  });

  it('a switch said after the new machine’s whole snapshot still shows its next delta (no wait for another whole one)', () => {
    const store = createAppStore(null);
    const fake = fakeApi({ recentSeries: series([]), inventory: facts(null) });
    const off = connectLiveFeed(fake.api, store);
    fake.connect('connected');
    fake.shell(desktop);
    fake.push({ type: 'snapshot', snapshot: snapshot({ seq: 3, processes: rows([1]) }) });
    const remote = snapshot({ seq: 40, processes: rows([50]) });
    fake.push({ type: 'snapshot', snapshot: remote });
    fake.shell(buildServer('connected'));
    expect(store.getState().snapshot).toBeNull();
    fake.push({ type: 'delta', delta: computeDelta(remote, { ...remote, seq: 41, processes: rows([50, 51]) }) });
    expect(pidsShown(store)).toEqual([50, 51]);
    off();
  });
});

function alertOf(id: string, clearedAtMs: number | null): Alert {
  return {
    id,
    ruleId: 'r',
    ruleName: 'CPU hog',
    subject: { kind: 'process', pid: 42, startTimeMs: T0, name: 'burn' },
    firedAtMs: T0,
    clearedAtMs,
    value: 85,
    message: 'burn (42): CPU 85 % for 3 s (above 40 %)',
    actions: [],
  };
}

function status(state: HistoryStatus['state'], reason: string | null): HistoryStatus {
  return { state, reason, oldestMs: null, newestMs: null, bytes: null, dir: '/data/history', notice: null, settings: DEFAULT_HISTORY_SETTINGS };
}
