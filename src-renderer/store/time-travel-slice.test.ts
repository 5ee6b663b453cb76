import { describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../src-shared/api.ts';
import type { ProcessesAt, QueryResult } from '../../src-shared/query.ts';
import { FIXTURE_TIME_MS, processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { createAppStore } from './store.ts';
import { goToTime, travelSnapshot } from './time-travel.ts';
import { isInPast, viewedSnapshot } from './time-travel-slice.ts';

const AT_MS = FIXTURE_TIME_MS - 600_000;
const busy = processRow({ pid: 4242, name: 'busy-loop', cpuPercent: 97.5, threads: 3, startTimeMs: AT_MS - 5_000 });
const idle = processRow({ pid: 7, name: 'idle', cpuPercent: 0, threads: null, startTimeMs: AT_MS - 60_000 });
const past: ProcessesAt = {
  atMs: AT_MS,
  takenAtMs: AT_MS - 400,
  processes: [busy, idle],
  apps: [{ id: 'busy', name: 'Busy', category: 'background', members: [{ pid: 4242, startTimeMs: busy.startTimeMs }], isResponding: null }],
};
const answer = (value: ProcessesAt): QueryResult<'processesAt'> => ({ ok: true, kind: 'processesAt', value });

describe('travelSnapshot', () => {
  it('carries the rows, apps and moment of the answer, the machine of the live snapshot, and no live figure', () => {
    const live = snapshot({ cpu: { ...snapshot().cpu, totalPercent: 55, kernelPercent: 10, perCorePercent: [50, 60], logicalCores: 2 } });
    const view = travelSnapshot(past, live);
    expect(view.processes).toBe(past.processes);
    expect(view.apps).toBe(past.apps);
    expect(view.takenAtMs).toBe(past.takenAtMs);
    expect(view.cpu.logicalCores).toBe(2);
    expect(view.cpu.totalPercent).toBeNull();
    expect(view.cpu.kernelPercent).toBeNull();
    expect(view.cpu.perCorePercent).toEqual([null, null]);
    expect(view.memory.totalBytes).toBe(live.memory.totalBytes);
    expect(view.disks).toEqual([]);
    expect(view.network).toEqual([]);
    // An unknown thread count adds nothing; the sum is of the known ones.
    expect(view.totals).toEqual({ processes: 2, threads: 3, handles: null });
  });

  it('works before any live snapshot arrived (one logical CPU assumed, figures unknown)', () => {
    const view = travelSnapshot(past, null);
    expect(view.processes).toHaveLength(2);
    expect(view.cpu.logicalCores).toBe(1);
    expect(view.cpu.totalPercent).toBeNull();
  });
});

describe('time-travel slice', () => {
  it('starts live, with the live snapshot viewed', () => {
    const store = createAppStore(null);
    const live = snapshot();
    store.getState().ingestSnapshot(live, 1000);
    expect(store.getState().viewAtMs).toBeNull();
    expect(isInPast(store.getState())).toBe(false);
    expect(viewedSnapshot(store.getState())).toBe(live);
  });

  it('shows nothing of the live rows while the moment is asked, then the answer', () => {
    const store = createAppStore(null);
    store.getState().ingestSnapshot(snapshot(), 1000);
    store.getState().startTravel(AT_MS);
    expect(isInPast(store.getState())).toBe(true);
    expect(viewedSnapshot(store.getState())).toBeNull();
    store.getState().ingestProcessesAt(AT_MS, answer(past));
    expect(store.getState().travel).toBe(past);
    expect(viewedSnapshot(store.getState())?.processes.map((p) => p.name)).toEqual(['busy-loop', 'idle']);
  });

  it('keeps the live feed running underneath and shows its latest snapshot back in live', () => {
    const store = createAppStore(null);
    store.getState().ingestSnapshot(snapshot({ seq: 1 }), 1000);
    store.getState().startTravel(AT_MS);
    store.getState().ingestProcessesAt(AT_MS, answer(past));
    const latest = snapshot({ seq: 2, takenAtMs: FIXTURE_TIME_MS + 1000 });
    store.getState().ingestSnapshot(latest, 2000);
    expect(viewedSnapshot(store.getState())?.processes).toBe(past.processes);
    store.getState().backToLive();
    expect(store.getState().viewAtMs).toBeNull();
    expect(store.getState().travel).toBeNull();
    expect(viewedSnapshot(store.getState())).toBe(latest);
  });

  it('keeps a failure as the reason, with no rows', () => {
    const store = createAppStore(null);
    store.getState().startTravel(AT_MS);
    store.getState().ingestProcessesAt(AT_MS, { ok: false, code: 'NO_HISTORY', message: 'nothing recorded' });
    expect(store.getState().travelError?.code).toBe('NO_HISTORY');
    expect(viewedSnapshot(store.getState())).toBeNull();
  });

  it('drops an answer for a moment the user has left', () => {
    const store = createAppStore(null);
    store.getState().startTravel(AT_MS);
    store.getState().startTravel(AT_MS + 60_000);
    store.getState().ingestProcessesAt(AT_MS, answer(past));
    expect(store.getState().travel).toBeNull();
    store.getState().backToLive();
    store.getState().ingestProcessesAt(AT_MS + 60_000, answer(past));
    expect(store.getState().viewAtMs).toBeNull();
    expect(store.getState().travel).toBeNull();
  });

  it('the chart range starts live and is not a remembered setting', () => {
    const store = createAppStore(null);
    expect(store.getState().historyRange).toBe('live');
    store.getState().setHistoryRange('24h');
    expect(store.getState().historyRange).toBe('24h');
  });
});

describe('goToTime', () => {
  it('asks processesAt of the moment and shows the answer', async () => {
    const store = createAppStore(null);
    const asked: unknown[] = [];
    const api: Pick<TaskManagerApi, 'query'> = {
      query: (query) => {
        asked.push(query);
        return Promise.resolve(answer(past) as never);
      },
    };
    await goToTime(api, store, AT_MS);
    expect(asked).toEqual([{ kind: 'processesAt', atMs: AT_MS }]);
    expect(store.getState().travel).toBe(past);
  });

  it('turns a transport failure into a reason shown, not a throw', async () => {
    const store = createAppStore(null);
    const api: Pick<TaskManagerApi, 'query'> = { query: () => Promise.reject(new Error('socket closed')) };
    await goToTime(api, store, AT_MS);
    expect(store.getState().travelError).toEqual({ ok: false, code: 'INTERNAL', message: 'socket closed' });
  });
});

describe('range series', () => {
  const { processes: _p, apps: _a, volumes: _v, ...base } = snapshot();
  const at = (takenAtMs: number, totalPercent: number) => ({ ...base, takenAtMs, cpu: { ...base.cpu, totalPercent } });
  const series = (points: ReturnType<typeof at>[]): QueryResult<'historySeries'> => ({ ok: true, kind: 'historySeries', value: { fromMs: 0, toMs: 3_600_000, stepMs: 5_000, points } });

  it('keeps the chosen range’s points as chart points, oldest first', () => {
    const store = createAppStore(null);
    store.getState().setHistoryRange('1h');
    store.getState().ingestHistorySeries('1h', series([at(10_000, 30), at(5_000, 20)]));
    const kept = store.getState().rangeSeries;
    expect(kept?.stepMs).toBe(5_000);
    expect(kept?.points.map((p) => [p.takenAtMs, p.cpuPercent])).toEqual([
      [5_000, 20],
      [10_000, 30],
    ]);
  });

  it('drops the answer of a range no longer chosen, and a new range starts empty', () => {
    const store = createAppStore(null);
    store.getState().setHistoryRange('1h');
    store.getState().ingestHistorySeries('1h', series([at(5_000, 20)]));
    store.getState().setHistoryRange('24h');
    expect(store.getState().rangeSeries).toBeNull();
    store.getState().ingestHistorySeries('1h', series([at(5_000, 20)]));
    expect(store.getState().rangeSeries).toBeNull();
  });

  it('keeps why there is no series', () => {
    const store = createAppStore(null);
    store.getState().setHistoryRange('7d');
    store.getState().ingestHistorySeries('7d', { ok: false, code: 'HISTORY_OFF', message: 'off' });
    expect(store.getState().rangeError?.code).toBe('HISTORY_OFF');
  });

  it('a zoom keeps the points held until its own answer, and drops answers of another zoom', () => {
    const store = createAppStore(null);
    store.getState().setHistoryRange('1h');
    store.getState().ingestHistorySeries('1h', series([at(5_000, 20), at(10_000, 30)]));
    const zoom = { fromMs: 0, toMs: 60_000 };
    store.getState().setRangeZoom(zoom);
    expect(store.getState().rangeSeries?.points).toHaveLength(2);
    // The whole range's answer, late: not the zoom's.
    store.getState().ingestHistorySeries('1h', series([at(5_000, 99)]));
    expect(store.getState().rangeSeries?.points).toHaveLength(2);
    store.getState().ingestHistorySeries('1h', series([at(5_000, 21)]), { ...zoom });
    expect(store.getState().rangeSeries?.points.map((p) => p.cpuPercent)).toEqual([21]);
    // Another range forgets the zoom.
    store.getState().setHistoryRange('24h');
    expect(store.getState().rangeZoom).toBeNull();
  });
});
