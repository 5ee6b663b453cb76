// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { AnyQueryResult, Query, SystemPoint } from '../../../src-shared/query.ts';
import { parseCsvObjects } from '../../../src-shared/testing/csv-parse.ts';
import { FIXTURE_TIME_MS, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { historyStrings } from '../../history-strings.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { PerformanceTab } from './PerformanceTab.tsx';
import { cpuRows } from './series.ts';
import { chartHistory } from './use-chart-history.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** The chart's box: 1,072 px wide, of which 1,000 px are time (the tick column is 72 px). */
const BOX = { left: 0, top: 0, right: 1072, bottom: 220, width: 1072, height: 220, x: 0, y: 0, toJSON: () => ({}) } as DOMRect;

let blobs: Blob[] = [];
let fileNames: string[] = [];
beforeEach(() => {
  blobs = [];
  fileNames = [];
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(BOX);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), `blob:test/${blobs.length}`));
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    fileNames.push(this.download);
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function point(atMs: number, cpu: number): SystemPoint {
  const { processes: _p, apps: _a, volumes: _v, ...rest } = snapshot({ takenAtMs: atMs, cpu: { ...snapshot().cpu, totalPercent: cpu, kernelPercent: 1 } });
  return rest;
}

/** The host: a point every step of whatever span is asked, CPU = the minute of the hour, nothing for 10 minutes 9 h before the first range's end. */
function mount() {
  const store = createAppStore(null);
  store.getState().ingestSnapshot(snapshot({ takenAtMs: FIXTURE_TIME_MS }), 0);
  const asked: Query[] = [];
  const api = {
    query: (query: Query): Promise<AnyQueryResult> => {
      asked.push(query);
      if (query.kind !== 'historySeries') return Promise.resolve({ ok: false, code: 'UNSUPPORTED', message: query.kind });
      const points: SystemPoint[] = [];
      for (let at = query.fromMs; at <= query.toMs; at += query.stepMs) {
        const hole = holeOf(query.toMs);
        if (at < hole.fromMs || at > hole.toMs) points.push(point(at, new Date(at).getUTCMinutes()));
      }
      return Promise.resolve({ ok: true, kind: 'historySeries', value: { ...query, points } });
    },
  } as unknown as TaskManagerApi;
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>
        <PerformanceTab />
      </StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return { store, asked };
}
let firstEndMs = 0;
const holeOf = (toMs: number) => ({ fromMs: (firstEndMs || toMs) - 9 * HOUR, toMs: (firstEndMs || toMs) - 9 * HOUR + 10 * MIN });

async function chooseRange(value: string) {
  await act(async () => {
    fireEvent.change(screen.getByLabelText(historyStrings.range), { target: { value } });
    await Promise.resolve();
  });
}
const lastSeriesQuery = (asked: Query[]) => {
  const q = asked.filter((a) => a.kind === 'historySeries').at(-1);
  if (q?.kind !== 'historySeries') throw new Error('no historySeries asked');
  return q;
};
const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 200)));

describe('chart zoom and pan', () => {
  it('a drag across the chart zooms into that span at a finer step, the click after it travels nowhere; Reset zoom goes back', async () => {
    const { store, asked } = mount();
    await chooseRange('24h');
    const whole = lastSeriesQuery(asked);
    firstEndMs = whole.toMs;
    const chart = screen.getByTestId('cpu-chart');
    // From half-way (12 h before the end) to three quarters (6 h before).
    fireEvent.pointerDown(chart, { clientX: 500, button: 0, pointerId: 1 });
    fireEvent.pointerMove(chart, { clientX: 750, pointerId: 1 });
    fireEvent.pointerUp(chart, { clientX: 750, pointerId: 1 });
    fireEvent.click(chart, { clientX: 750 });
    expect(store.getState().rangeZoom).toEqual({ fromMs: whole.toMs - 12 * HOUR, toMs: whole.toMs - 6 * HOUR });
    expect(store.getState().viewAtMs).toBeNull();
    await settle();
    // Six hours at 15 s: 1,440 points, the finest step within 1,500.
    expect(lastSeriesQuery(asked)).toEqual({ kind: 'historySeries', fromMs: whole.toMs - 12 * HOUR, toMs: whole.toMs - 6 * HOUR, stepMs: 15_000 });
    expect(screen.getByRole('img', { name: /^CPU utilisation, last 6 hours to / })).toBeTruthy();
    // The 10-minute hole 9 h before the end lies in the zoom: one gap (a null row), never a line across it, and no other.
    const chartNow = chartHistory(store.getState());
    expect(store.getState().rangeSeries?.stepMs).toBe(15_000);
    const rows = cpuRows(chartNow.history, chartNow.span);
    expect(rows.filter((r) => r.total === null)).toHaveLength(1);
    // 1,441 points of 15 s over 6 h, less the 41 of the hole (its ends included), plus the gap.
    expect(rows).toHaveLength(1_441 - 41 + 1);
    fireEvent.click(screen.getByRole('button', { name: historyStrings.resetZoom }));
    expect(store.getState().rangeZoom).toBeNull();
    expect(lastSeriesQuery(asked).stepMs).toBe(60_000);
    expect(screen.queryByRole('button', { name: historyStrings.resetZoom })).toBeNull();
    firstEndMs = 0;
  });

  it('"What used this range?" opens Top consumers over the span shown, zoomed or not', async () => {
    const { store, asked } = mount();
    await chooseRange('1h');
    const whole = lastSeriesQuery(asked);
    fireEvent.click(screen.getByRole('button', { name: historyStrings.topOfRange }));
    expect(store.getState().topRange).toEqual({ fromMs: whole.fromMs, toMs: whole.toMs });
    store.getState().closeTopConsumers();
    const chart = screen.getByTestId('cpu-chart');
    fireEvent.pointerDown(chart, { clientX: 500, button: 0, pointerId: 1 });
    fireEvent.pointerMove(chart, { clientX: 750, pointerId: 1 });
    fireEvent.pointerUp(chart, { clientX: 750, pointerId: 1 });
    fireEvent.click(screen.getByRole('button', { name: historyStrings.topOfRange }));
    expect(store.getState().topRange).toEqual(store.getState().rangeZoom);
    expect(store.getState().topRange).not.toEqual({ fromMs: whole.fromMs, toMs: whole.toMs });
  });

  it('a plain click still shows that moment’s processes', async () => {
    const { store } = mount();
    await chooseRange('1h');
    const chart = screen.getByTestId('cpu-chart');
    fireEvent.pointerDown(chart, { clientX: 1000, button: 0 });
    fireEvent.pointerUp(chart, { clientX: 1001 });
    fireEvent.click(chart, { clientX: 1001 });
    expect(store.getState().viewAtMs).not.toBeNull();
  });

  it('is keyboard-operable on the cursor: + zooms around it, Shift+arrows pan, 0 resets; the keys are described', async () => {
    const { store, asked } = mount();
    await chooseRange('1h');
    const end = lastSeriesQuery(asked).toMs;
    const cursor = screen.getByRole('slider', { name: /CPU utilisation, last 1 hour: cursor/ });
    expect(cursor.getAttribute('aria-description')).toBe(historyStrings.zoomHelp);
    fireEvent.keyDown(cursor, { key: 'End' });
    fireEvent.keyDown(cursor, { key: '+' });
    fireEvent.keyDown(cursor, { key: '+' });
    const zoom = store.getState().rangeZoom;
    // Around the cursor at the last point (the range's end): the end stays, 15 minutes shown.
    expect(zoom).toEqual({ fromMs: end - 15 * MIN, toMs: end });
    await settle();
    expect(lastSeriesQuery(asked)).toMatchObject({ fromMs: end - 15 * MIN, toMs: end, stepMs: 1_000 });
    fireEvent.keyDown(cursor, { key: 'ArrowLeft', shiftKey: true });
    expect(store.getState().rangeZoom).toEqual({ fromMs: end - 15 * MIN - 225_000, toMs: end - 225_000 });
    // A plain arrow moves the cursor, not the span.
    fireEvent.keyDown(cursor, { key: 'ArrowLeft' });
    expect(store.getState().rangeZoom?.toMs).toBe(end - 225_000);
    fireEvent.keyDown(cursor, { key: '0' });
    expect(store.getState().rangeZoom).toBeNull();
  });

  it('the wheel zooms around the pointer; live charts have no zoom', async () => {
    const { store } = mount();
    const liveChart = screen.getByTestId('cpu-chart');
    liveChart.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, clientX: 500, bubbles: true, cancelable: true }));
    expect(store.getState().rangeZoom).toBeNull();
    await chooseRange('1h');
    const chart = screen.getByTestId('cpu-chart');
    const wheel = new WheelEvent('wheel', { deltaY: -100, clientX: 1000, bubbles: true, cancelable: true });
    chart.dispatchEvent(wheel);
    expect(wheel.defaultPrevented).toBe(true);
    const zoom = store.getState().rangeZoom;
    expect(zoom ? zoom.toMs - zoom.fromMs : null).toBe(48 * MIN);
  });

  it('Export this range saves the shown span’s system figures as CSV, named by its ends', async () => {
    const { store, asked } = mount();
    await chooseRange('24h');
    const end = lastSeriesQuery(asked).toMs;
    act(() => store.getState().setRangeZoom({ fromMs: end - 10 * MIN, toMs: end - 5 * MIN }));
    fireEvent.click(screen.getByRole('button', { name: historyStrings.exportRange }));
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: historyStrings.exportRangeCsv }));
    await vi.waitFor(() => expect(fileNames).toEqual([`taskmgr-system-${end - 10 * MIN}-${end - 5 * MIN}.csv`]));
    const records = parseCsvObjects(await (blobs[0] as Blob).text());
    // Five minutes at 1 s, within the span only (the query's ends are whole steps), oldest first.
    const times = records.map((r) => Number(r.taken_at_ms));
    expect(times).toHaveLength(301);
    expect([times[0], times.at(-1)]).toEqual([end - 10 * MIN, end - 5 * MIN]);
    expect(records[0]?.cpu_percent).toBe(String(new Date(end - 10 * MIN).getUTCMinutes()));
  });
});
