// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../src-shared/alerts.ts';
import { firedNote } from '../../../src-shared/alert-notes.ts';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { AnyQueryResult, HistoryEvent, Query } from '../../../src-shared/query.ts';
import { snapshot } from '../../../src-shared/testing/fixtures.ts';
import { formatDateTime } from '../../format.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { performanceStrings } from './performance-strings.ts';
import { useAlertMarkers } from './use-alert-markers.ts';
import { useChartHistory } from './use-chart-history.ts';
import { RangeAlertsContext, useRangeAlerts } from './use-range-alerts.ts';
import { ZOOM_SETTLE_MS } from './use-range-series.ts';

const NOW = 1_750_000_000_000;
const HOUR = 3_600_000;
/** The 24 h series' end: the page draws the range up to it (use-chart-history.ts). */
const END = NOW - 30_000;

const alertEvent = (atMs: number, detail: string): HistoryEvent => ({ atMs, kind: 'alert', pid: 42, startTimeMs: 1, name: 'burn', detail });
const storeAlert = (firedAtMs: number, ruleName: string): Alert => ({
  id: `${ruleName}:${firedAtMs}:0`,
  ruleId: ruleName,
  ruleName,
  subject: { kind: 'process', pid: 42, startTimeMs: 1, name: 'burn' },
  firedAtMs,
  clearedAtMs: null,
  value: 90,
  message: 'burn (42): CPU 90 %',
  actions: [],
});

/** The tab's part (read the range's alerts, hand them down) and a chart's (its markers), as lines of text. */
function Probe() {
  const inRange = useRangeAlerts();
  return (
    <RangeAlertsContext.Provider value={inRange}>
      <Markers />
    </RangeAlertsContext.Provider>
  );
}
function Markers() {
  const { windowSec } = useChartHistory();
  const markers = useAlertMarkers(windowSec, true);
  return (
    <ul>
      {markers.map((m) => (
        <li key={m.t}>{m.label}</li>
      ))}
    </ul>
  );
}

function mount(answer: (query: Query) => AnyQueryResult | Promise<never>) {
  const store = createAppStore(null);
  store.getState().ingestSnapshot(snapshot({ takenAtMs: NOW - 1_000 }), 0);
  const asked: Query[] = [];
  const api = {
    query: (query: Query) => {
      asked.push(query);
      const result = answer(query);
      return result instanceof Promise ? result : Promise.resolve(result);
    },
  } as unknown as TaskManagerApi;
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>
        <Probe />
      </StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return { store, asked };
}

/** The 24 h range chosen and its (empty) series read, ending at END. */
async function choose24h(store: ReturnType<typeof createAppStore>) {
  await act(async () => {
    store.getState().setHistoryRange('24h');
    store.getState().ingestHistorySeries('24h', { ok: true, kind: 'historySeries', value: { fromMs: END - 24 * HOUR, toMs: END, stepMs: 60_000, points: [] } });
    await Promise.resolve();
  });
}

const label = (rules: string, atMs: number) => performanceStrings.alertMarker(rules, formatDateTime(atMs));
const shown = () => screen.queryAllByRole('listitem').map((li) => li.textContent);
const eventsAsked = (asked: Query[]) => asked.filter((q) => q.kind === 'historyEvents');

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the alert markers of a past range', () => {
  it('live: asks nothing, and marks the alerts the page holds', () => {
    const { store, asked } = mount(() => {
      throw new Error('asked while live');
    });
    act(() => store.getState().ingestAlert(storeAlert(NOW - 5_000, 'CPU hog')));
    expect(asked).toEqual([]);
    expect(shown()).toEqual([label('CPU hog', NOW - 5_000)]);
  });

  it('asks history for the range’s alerts once, up to now, and marks those that fired with the page’s, one line per moment', async () => {
    const firedAt = END - 2 * HOUR;
    const bothAt = END - HOUR;
    const { store, asked } = mount((query) => {
      if (query.kind !== 'historyEvents') throw new Error(query.kind);
      const events = [
        alertEvent(END - 30 * HOUR, firedNote('Old', 'before the range')),
        alertEvent(firedAt, firedNote('Low memory', 'Available memory 420 MB for 30 s (below 500 MB)')),
        alertEvent(firedAt + 10_000, 'Low memory cleared'),
        alertEvent(bothAt, firedNote('CPU hog', 'burn (42): CPU 90 % for 3 s (above 40 %)')),
        alertEvent(bothAt + 1, 'CPU hog: set priority to below normal: done'),
      ];
      return { ok: true, kind: 'historyEvents', value: { fromMs: query.fromMs, toMs: query.toMs, events, isTruncated: false } };
    });
    act(() => store.getState().ingestAlert(storeAlert(bothAt, 'CPU hog')));
    await choose24h(store);
    expect(eventsAsked(asked)).toEqual([{ kind: 'historyEvents', fromMs: Math.floor(NOW / 60_000) * 60_000 - 24 * HOUR, toMs: NOW, eventKind: 'alert' }]);
    expect(shown()).toEqual([label('CPU hog', bothAt), label('Low memory', firedAt)]);
    // Ticks redraw, they ask nothing.
    act(() => {
      store.getState().ingestSnapshot(snapshot({ seq: 2, takenAtMs: NOW }), 1_000);
      store.getState().ingestSnapshot(snapshot({ seq: 3, takenAtMs: NOW + 1_000 }), 2_000);
    });
    expect(eventsAsked(asked)).toHaveLength(1);
    expect(shown()).toHaveLength(2);
  });

  it.each<[string, () => AnyQueryResult | Promise<never>]>([
    ['history off', () => ({ ok: false, code: 'HISTORY_OFF', message: 'started with --no-history' })],
    ['nothing recorded', () => ({ ok: false, code: 'NO_HISTORY', message: 'nothing recorded' })],
    ['the host gone', () => Promise.reject(new Error('disconnected'))],
  ])('%s: no markers from history, quietly; the page’s own still mark', async (_name, answer) => {
    const { store, asked } = mount((query) => (query.kind === 'historyEvents' ? answer() : { ok: false, code: 'UNSUPPORTED', message: query.kind }));
    act(() => store.getState().ingestAlert(storeAlert(END - HOUR, 'CPU hog')));
    await choose24h(store);
    expect(eventsAsked(asked)).toHaveLength(1);
    expect(shown()).toEqual([label('CPU hog', END - HOUR)]);
  });

  it('a zoom asks for its own span once it settles, and marks what fired there', async () => {
    const zoomed = { fromMs: END - 3 * HOUR, toMs: END - 2 * HOUR };
    const inZoom = END - 2.5 * HOUR;
    const { store, asked } = mount((query) => {
      if (query.kind !== 'historyEvents') throw new Error(query.kind);
      const events = query.fromMs === zoomed.fromMs ? [alertEvent(inZoom, firedNote('CPU hog', 'x'))] : [];
      return { ok: true, kind: 'historyEvents', value: { fromMs: query.fromMs, toMs: query.toMs, events, isTruncated: false } };
    });
    await choose24h(store);
    expect(shown()).toEqual([]);
    act(() => store.getState().setRangeZoom(zoomed));
    expect(eventsAsked(asked)).toHaveLength(1);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ZOOM_SETTLE_MS);
    });
    expect(eventsAsked(asked)).toEqual([expect.anything(), { kind: 'historyEvents', ...zoomed, eventKind: 'alert' }]);
    expect(shown()).toEqual([label('CPU hog', inZoom)]);
  });
});
