// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { ProcessesAt, Query } from '../../../src-shared/query.ts';
import { FIXTURE_TIME_MS, processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { formatClock } from '../../format.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { goToTime } from '../../store/time-travel.ts';
import { rowKey } from '../../store/view-slice.ts';
import { strings } from '../../strings.ts';
import { TimeTravelBanner } from '../shell/TimeTravelBanner.tsx';
import { ProcessesTab } from './ProcessesTab.tsx';
import { useViewport } from '../../testing/viewport.ts';

afterEach(cleanup);

// happy-dom lays nothing out: the virtualised grid needs a viewport size (as DataGrid.test.tsx).
useViewport(240, 800);

const AT_MS = FIXTURE_TIME_MS - 3_600_000;
const liveRow = processRow({ pid: 100, name: 'live-only', cpuPercent: 1 });
const pastRow = processRow({ pid: 4242, name: 'busy-loop', cpuPercent: 97.5, startTimeMs: AT_MS - 10_000 });
const past: ProcessesAt = { atMs: AT_MS, takenAtMs: AT_MS - 500, processes: [pastRow], apps: [] };

function mount() {
  const store = createAppStore(null);
  store.getState().ingestSnapshot(snapshot({ processes: [liveRow] }), 1000);
  const asked: Query[] = [];
  const commands: string[] = [];
  const api = new Proxy({} as TaskManagerApi, {
    get: (_target, name: string) => (arg: unknown) => {
      if (name === 'query') {
        asked.push(arg as Query);
        return Promise.resolve({ ok: true, kind: 'processesAt', value: past });
      }
      commands.push(name);
      return Promise.resolve({ ok: true });
    },
  });
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>
        <TimeTravelBanner />
        <ProcessesTab />
      </StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return { store, api, asked, commands };
}

const names = () =>
  within(screen.getByRole('grid', { name: strings.tableName }))
    .getAllByRole('row')
    .map((row) => row.textContent ?? '')
    .filter((text) => /live-only|busy-loop/.test(text));

describe('time travel in the Processes tab', () => {
  it('shows the rows of the moment under the banner, read-only, and Back to live shows the latest snapshot', async () => {
    const { store, api, asked } = mount();
    expect(names().join()).toContain('live-only');
    await act(() => goToTime(api, store, AT_MS));
    expect(asked).toEqual([{ kind: 'processesAt', atMs: AT_MS }]);
    expect(screen.getByRole('region').textContent).toContain(strings.timeTravel.viewing(formatClock(past.takenAtMs)));
    const rows = names();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('busy-loop');
    expect(rows[0]).toContain('97.5');
    // The live feed runs on underneath.
    act(() => store.getState().ingestSnapshot(snapshot({ seq: 2, takenAtMs: FIXTURE_TIME_MS + 1000, processes: [liveRow] }), 2000));
    expect(names().join()).not.toContain('live-only');
    fireEvent.click(screen.getByRole('button', { name: strings.timeTravel.backToLive }));
    expect(screen.queryByRole('region')).toBeNull();
    expect(names().join()).toContain('live-only');
  });

  it('Escape goes back to live', async () => {
    const { store, api } = mount();
    await act(() => goToTime(api, store, AT_MS));
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(store.getState().viewAtMs).toBeNull();
  });

  it('disables every action in the past, saying why, and the Delete key sends nothing', async () => {
    const { store, api, commands } = mount();
    await act(() => goToTime(api, store, AT_MS));
    const row = screen.getAllByRole('row').find((r) => r.textContent?.includes('busy-loop'));
    if (!row) throw new Error('no busy-loop row');
    fireEvent.click(row);
    fireEvent.contextMenu(row);
    const items = screen.getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toContain(strings.menu.endTask);
    for (const item of items) {
      expect(item.getAttribute('aria-disabled')).toBe('true');
      expect(item.getAttribute('title')).toBe(strings.timeTravel.actionDisabled);
    }
    fireEvent.click(items[0] as HTMLElement);
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    // Escape closed the menu only: still in the past.
    expect(screen.queryByRole('menu')).toBeNull();
    expect(store.getState().viewAtMs).toBe(AT_MS);
    act(() => store.getState().select(rowKey(pastRow.pid, pastRow.startTimeMs), 'only'));
    fireEvent.keyDown(screen.getByRole('grid', { name: strings.tableName }), { key: 'Delete' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(commands).toEqual([]);
  });

  it('Go to time asks processesAt of the moment typed', async () => {
    const { store, asked } = mount();
    const field = screen.getByLabelText(strings.timeTravel.goToTimeField);
    fireEvent.change(field, { target: { value: '2026-01-02T03:12:05' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: strings.timeTravel.go })));
    const atMs = new Date('2026-01-02T03:12:05').getTime();
    expect(asked).toEqual([{ kind: 'processesAt', atMs }]);
    expect(store.getState().viewAtMs).toBe(atMs);
  });
});
