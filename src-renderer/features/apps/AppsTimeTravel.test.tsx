// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { ProcessesAt } from '../../../src-shared/query.ts';
import { FIXTURE_TIME_MS, processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { goToTime } from '../../store/time-travel.ts';
import { strings } from '../../strings.ts';
import { AppsTab } from './AppsTab.tsx';
import { useViewport } from '../../testing/viewport.ts';

afterEach(cleanup);

// happy-dom lays nothing out: the virtualised grid needs a viewport size (as DataGrid.test.tsx).
useViewport(240, 800);

const AT_MS = FIXTURE_TIME_MS - 3_600_000;
const live = processRow({ pid: 100, name: 'live-app' });
const gone = processRow({ pid: 4242, name: 'gone-app', cpuPercent: 50, startTimeMs: AT_MS - 10_000 });
const past: ProcessesAt = {
  atMs: AT_MS,
  takenAtMs: AT_MS,
  processes: [gone],
  apps: [{ id: 'gone', name: 'Gone app', category: 'app', members: [{ pid: 4242, startTimeMs: gone.startTimeMs }], isResponding: null }],
};

describe('time travel in the Apps tab', () => {
  it('shows the apps of the moment, its actions disabled and saying why', async () => {
    const store = createAppStore(null);
    store.getState().ingestSnapshot(
      snapshot({ processes: [live], apps: [{ id: 'live', name: 'Live app', category: 'app', members: [{ pid: 100, startTimeMs: live.startTimeMs }], isResponding: null }] }),
      1000,
    );
    const commands: string[] = [];
    const api = new Proxy({} as TaskManagerApi, {
      get: (_target, name: string) => () => {
        if (name === 'query') return Promise.resolve({ ok: true, kind: 'processesAt', value: past });
        commands.push(name);
        return Promise.resolve({ ok: true });
      },
    });
    render(
      <ApiContext.Provider value={api}>
        <StoreContext.Provider value={store}>
          <AppsTab />
        </StoreContext.Provider>
      </ApiContext.Provider>,
    );
    const text = () => screen.getByRole('treegrid', { name: strings.appsTableName }).textContent ?? '';
    expect(text()).toContain('Live app');
    await act(() => goToTime(api, store, AT_MS));
    expect(text()).toContain('Gone app');
    expect(text()).not.toContain('Live app');
    const row = within(screen.getByRole('treegrid', { name: strings.appsTableName }))
      .getAllByRole('row')
      .find((r) => r.textContent?.includes('Gone app'));
    if (!row) throw new Error('no Gone app row');
    fireEvent.click(row);
    fireEvent.contextMenu(row);
    const items = screen.getAllByRole('menuitem');
    const endTask = items.find((i) => i.textContent === strings.menu.endTask);
    expect(endTask?.getAttribute('aria-disabled')).toBe('true');
    expect(endTask?.getAttribute('title')).toBe(strings.timeTravel.actionDisabled);
    // Looking stays possible: Open details is not disabled.
    expect(items.find((i) => i.textContent === strings.menu.openDetails)?.getAttribute('aria-disabled')).toBeNull();
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    fireEvent.keyDown(screen.getByRole('treegrid', { name: strings.appsTableName }), { key: 'Delete' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(commands).toEqual([]);
  });
});
