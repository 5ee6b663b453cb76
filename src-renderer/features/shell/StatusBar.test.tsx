// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_SETTINGS, type HistoryStatus } from '../../../src-shared/query.ts';
import { cpuFigures, FIXTURE_TIME_MS, processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { createAppStore } from '../../store/store.ts';
import { StoreContext } from '../../store/store-context.tsx';
import { StatusBar } from './StatusBar.tsx';

afterEach(cleanup);

const live = (seq: number, cpu: number) =>
  snapshot({ seq, takenAtMs: FIXTURE_TIME_MS + seq * 1000, cpu: cpuFigures({ totalPercent: cpu }), processes: [processRow({ pid: 1 }), processRow({ pid: 2 }), processRow({ pid: 3 })] });

function mount() {
  const store = createAppStore(null);
  store.getState().ingestSnapshot(live(2, 12), 0);
  render(
    <StoreContext.Provider value={store}>
      <StatusBar />
    </StoreContext.Provider>,
  );
  return store;
}

const status = (state: HistoryStatus['state'], reason: string | null): HistoryStatus => ({
  state,
  reason,
  oldestMs: null,
  newestMs: null,
  bytes: null,
  dir: null,
  notice: null,
  settings: DEFAULT_HISTORY_SETTINGS,
});

describe('StatusBar', () => {
  it('keeps showing live figures, marked live, while the tabs show the past; the count is the table’s', () => {
    const store = mount();
    expect(screen.getByText('CPU 12.0% · Memory 25.0%')).toBeTruthy();
    act(() => {
      store.getState().startTravel(FIXTURE_TIME_MS - 60_000);
      store.getState().ingestProcessesAt(FIXTURE_TIME_MS - 60_000, { ok: true, kind: 'processesAt', value: { atMs: FIXTURE_TIME_MS - 60_000, takenAtMs: FIXTURE_TIME_MS - 60_000, processes: [processRow({ pid: 9 })], apps: [] } });
    });
    expect(screen.getByText('1 processes')).toBeTruthy();
    // The feed runs on under the banner: a new live tick changes the figures.
    act(() => store.getState().ingestSnapshot(live(3, 47), 1000));
    expect(screen.getByText('Live: CPU 47.0% · Memory 25.0%')).toBeTruthy();
    act(() => store.getState().backToLive());
    expect(screen.getByText('CPU 47.0% · Memory 25.0%')).toBeTruthy();
    expect(screen.getByText('3 processes')).toBeTruthy();
  });

  it('says when history is paused or read-only, with the reason, and nothing while it records or is off', () => {
    const store = mount();
    expect(screen.queryByText(/^History/)).toBeNull();
    act(() => store.getState().ingestHistoryStatus(status('paused', 'the disk is full')));
    expect(screen.getByRole('status').textContent).toBe('History paused: the disk is full');
    act(() => store.getState().ingestHistoryStatus(status('readOnly', 'serve writes to this folder')));
    expect(screen.getByRole('status').textContent).toBe('History read-only: serve writes to this folder');
    act(() => store.getState().ingestHistoryStatus(status('off', 'started with --no-history')));
    expect(screen.queryByRole('status')).toBeNull();
    act(() => store.getState().ingestHistoryStatus(status('recording', null)));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
