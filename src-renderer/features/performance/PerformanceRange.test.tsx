// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { AnyQueryResult, HistorySeries, Query, QueryOf, SystemPoint } from '../../../src-shared/query.ts';
import { FIXTURE_TIME_MS, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { formatClock, formatDateTime } from '../../format.ts';
import { firedNote } from '../../../src-shared/alert-notes.ts';
import { performanceStrings } from './performance-strings.ts';
import { historyStrings } from '../../history-strings.ts';
import { PerformanceTab } from './PerformanceTab.tsx';
import { cpuRows } from './series.ts';
import { chartHistory } from './use-chart-history.ts';

afterEach(cleanup);

const MIN = 60_000;
/** A system point at `minute` minutes into the series, CPU at `cpu` %. */
function point(atMs: number, cpu: number): SystemPoint {
  const { processes: _p, apps: _a, volumes: _v, ...rest } = snapshot({ takenAtMs: atMs, cpu: { ...snapshot().cpu, totalPercent: cpu, kernelPercent: 1 } });
  return rest;
}

function mount(answer: (query: Query) => AnyQueryResult) {
  const store = createAppStore(null);
  store.getState().ingestSnapshot(snapshot({ takenAtMs: FIXTURE_TIME_MS }), 0);
  const asked: Query[] = [];
  const api = new Proxy({} as TaskManagerApi, {
    get: (_target, name: string) => (arg: unknown) => {
      if (name !== 'query') throw new Error(`the Performance tab called ${name}`);
      asked.push(arg as Query);
      return Promise.resolve(answer(arg as Query));
    },
  });
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>
        <PerformanceTab />
      </StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return { store, asked };
}

/** History's answer with no events: the charts' alert markers ask for the range's (use-range-alerts.ts). */
const noEvents = (query: QueryOf<'historyEvents'>): AnyQueryResult => ({ ok: true, kind: 'historyEvents', value: { fromMs: query.fromMs, toMs: query.toMs, events: [], isTruncated: false } });
const seriesAsked = (asked: Query[]) => asked.filter((q) => q.kind === 'historySeries');

const choose = async (label: string) => {
  const select = screen.getByLabelText(historyStrings.range);
  const value = Object.entries(historyStrings.ranges).find(([, text]) => text === label)?.[0] ?? '';
  await act(async () => {
    fireEvent.change(select, { target: { value } });
    await Promise.resolve();
  });
};

describe('the chart cursor', () => {
  it('reads a moment of the range by keyboard and Enter shows that moment’s processes', async () => {
    let lastAt = 0;
    const { store, asked } = mount((query) => {
      if (query.kind === 'processesAt') return { ok: true, kind: 'processesAt', value: { atMs: query.atMs, takenAtMs: query.atMs, processes: [], apps: [] } };
      if (query.kind === 'historyEvents') return noEvents(query);
      if (query.kind !== 'historySeries') throw new Error(query.kind);
      lastAt = query.toMs - 2 * MIN;
      return { ok: true, kind: 'historySeries', value: { ...query, points: [point(lastAt - MIN, 12), point(lastAt, 34)] } };
    });
    await choose('24 hours');
    const cursor = screen.getByRole('slider', { name: 'CPU utilisation, last 24 hours: cursor' });
    expect(cursor.textContent).toBe(historyStrings.cursorIdle);
    fireEvent.keyDown(cursor, { key: 'End' });
    expect(cursor.textContent).toContain(formatClock(lastAt));
    expect(cursor.textContent).toContain('Total 34%');
    fireEvent.keyDown(cursor, { key: 'ArrowLeft' });
    expect(cursor.textContent).toContain('Total 12%');
    fireEvent.keyDown(cursor, { key: 'ArrowRight' });
    await act(async () => {
      fireEvent.keyDown(cursor, { key: 'Enter' });
      await Promise.resolve();
    });
    expect(asked[asked.length - 1]).toEqual({ kind: 'processesAt', atMs: lastAt });
    expect(store.getState().viewAtMs).toBe(lastAt);
    expect(store.getState().activeTab).toBe('processes');
  });

  it('stays on its moment while live rows move on', () => {
    const { store } = mount(() => ({ ok: false, code: 'HISTORY_OFF', message: 'off' }));
    const live = (sec: number, cpu: number) => snapshot({ seq: sec + 2, takenAtMs: FIXTURE_TIME_MS + sec * 1000, cpu: { ...snapshot().cpu, totalPercent: cpu } });
    act(() => {
      store.getState().ingestSnapshot(live(1, 11), 1000);
      store.getState().ingestSnapshot(live(2, 22), 2000);
    });
    const cursor = screen.getByRole('slider', { name: 'CPU utilisation, last 60 seconds: cursor' });
    fireEvent.keyDown(cursor, { key: 'End' });
    expect(cursor.textContent).toContain(formatClock(FIXTURE_TIME_MS + 2000));
    expect(cursor.textContent).toContain('Total 22%');
    // A minute on, the first point leaves the 60 s window: every row moves one place left.
    act(() => store.getState().ingestSnapshot(live(62, 33), 62_000));
    expect(cursor.textContent).toContain(formatClock(FIXTURE_TIME_MS + 2000));
    expect(cursor.textContent).toContain('Total 22%');
  });

  it('reads a gap as unknown, never 0', async () => {
    mount((query) => {
      if (query.kind === 'historyEvents') return noEvents(query);
      if (query.kind !== 'historySeries') throw new Error(query.kind);
      const at = query.toMs - 30 * MIN;
      return { ok: true, kind: 'historySeries', value: { ...query, points: [point(at, 10), point(at + 10 * MIN, 20)] } };
    });
    await choose('24 hours');
    const cursor = screen.getByRole('slider', { name: 'CPU utilisation, last 24 hours: cursor' });
    fireEvent.keyDown(cursor, { key: 'Home' });
    fireEvent.keyDown(cursor, { key: 'ArrowRight' });
    expect(cursor.textContent).toContain('Total —');
  });
});

describe('alert markers on a past range', () => {
  it('draws a red line where history says a rule fired, its rule and time its title', async () => {
    let firedAt = 0;
    mount((query) => {
      if (query.kind === 'historySeries') {
        firedAt = query.toMs - 90 * MIN;
        return { ok: true, kind: 'historySeries', value: { ...query, points: [point(firedAt - MIN, 12), point(firedAt, 34)] } };
      }
      if (query.kind !== 'historyEvents') throw new Error(query.kind);
      const events = [
        { atMs: firedAt, kind: 'alert' as const, pid: 42, startTimeMs: 1, name: 'burn', detail: firedNote('CPU hog', 'burn (42): CPU 90 % for 3 s (above 40 %)') },
        { atMs: firedAt + MIN, kind: 'alert' as const, pid: 42, startTimeMs: 1, name: 'burn', detail: 'CPU hog cleared' },
      ];
      return { ok: true, kind: 'historyEvents', value: { fromMs: query.fromMs, toMs: query.toMs, events, isTruncated: false } };
    });
    await choose('24 hours');
    const chart = screen.getByRole('img', { name: 'CPU utilisation, last 24 hours' });
    expect([...chart.querySelectorAll('.perf-alert-marker title')].map((t) => t.textContent)).toEqual([performanceStrings.alertMarker('CPU hog', formatDateTime(firedAt))]);
  });
});

describe('Performance ranges', () => {
  it('asks nothing while live and draws the live window', () => {
    const { asked } = mount(() => ({ ok: false, code: 'HISTORY_OFF', message: 'off' }));
    expect(asked).toEqual([]);
    expect(screen.getByRole('img', { name: 'CPU utilisation, last 60 seconds' })).toBeTruthy();
  });

  it('24 hours asks historySeries at 60 s steps and draws its points, a missing step as a gap', async () => {
    const { store, asked } = mount((query) => {
      if (query.kind === 'historyEvents') return noEvents(query);
      if (query.kind !== 'historySeries') throw new Error(query.kind);
      const { fromMs, toMs, stepMs } = query;
      // Three minutes recorded, then nothing for 10 minutes (the app was closed), then two more.
      const at = (m: number) => toMs - 20 * MIN + m * MIN;
      const series: HistorySeries = { fromMs, toMs, stepMs, points: [point(at(0), 10), point(at(1), 20), point(at(2), 30), point(at(12), 40), point(at(13), 50)] };
      return { ok: true, kind: 'historySeries', value: series };
    });
    await choose('24 hours');
    expect(seriesAsked(asked)).toHaveLength(1);
    const query = seriesAsked(asked)[0];
    if (query?.kind !== 'historySeries') throw new Error('no historySeries asked');
    expect(query.stepMs).toBe(MIN);
    expect(query.toMs - query.fromMs).toBe(24 * 60 * MIN);
    expect(screen.getByRole('img', { name: 'CPU utilisation, last 24 hours' })).toBeTruthy();
    expect(screen.queryByText(historyStrings.loading)).toBeNull();
    expect(screen.queryByText(historyStrings.nothing)).toBeNull();
    // The rows the chart draws: five points and one null row in the 10-minute hole, never a line across it.
    const chart = chartHistory(store.getState());
    const rows = cpuRows(chart.history, chart.span);
    expect(rows.map((r) => r.total)).toEqual([10, 20, 30, null, 40, 50]);
    // x is seconds before the range's end: the last point is 7 minutes before it, not at 0.
    expect(rows[rows.length - 1]?.t).toBe(-7 * 60);
  });

  it('says "History is off on this host" in the chart area when recording is off', async () => {
    mount(() => ({ ok: false, code: 'HISTORY_OFF', message: 'started with --no-history' }));
    await choose('1 hour');
    expect(screen.getByText(historyStrings.off)).toBeTruthy();
  });

  it('says "Nothing recorded in this range" when the store has nothing there', async () => {
    mount(() => ({ ok: false, code: 'NO_HISTORY', message: 'nothing recorded' }));
    await choose('7 days');
    expect(screen.getByText(historyStrings.nothing)).toBeTruthy();
  });

  it('asks again when the range changes, and back to Live draws the live window', async () => {
    const { asked } = mount((query) => (query.kind === 'historySeries' ? { ok: true, kind: 'historySeries', value: { ...query, points: [] } } : { ok: false, code: 'UNSUPPORTED', message: '' }));
    await choose('1 hour');
    await choose('30 days');
    expect(seriesAsked(asked).map((q) => q.stepMs)).toEqual([5_000, 3_600_000]);
    // Each range's alerts too, once, up to now: an hour, then a month.
    expect(asked.filter((q) => q.kind === 'historyEvents').map((q) => q.kind === 'historyEvents' && [q.eventKind, Math.floor((q.toMs - q.fromMs) / 3_600_000)])).toEqual([
      ['alert', 1],
      ['alert', 30 * 24],
    ]);
    await choose('Live');
    expect(screen.getByRole('img', { name: 'CPU utilisation, last 60 seconds' })).toBeTruthy();
    expect(asked).toHaveLength(4);
  });
});
