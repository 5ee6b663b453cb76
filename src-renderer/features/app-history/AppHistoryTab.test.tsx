// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { AnyQueryResult, AppHistory, Query } from '../../../src-shared/query.ts';
import type { CommandResult } from '../../../src-shared/results.ts';
import { failure } from '../../../src-shared/results.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { appHistoryStrings as text } from './app-history-strings.ts';
import { AppHistoryTab } from './AppHistoryTab.tsx';
import { groupUsage, historyEvent } from './usage-fixtures.ts';
import { useViewport } from '../../testing/viewport.ts';

afterEach(cleanup);

// happy-dom lays nothing out: the virtualised grid needs a viewport size (as DataGrid.test.tsx).
useViewport(240, 1000);

const HOUR = 3_600_000;

function history(query: Query): AppHistory {
  if (query.kind !== 'appHistory') throw new Error(query.kind);
  return {
    fromMs: query.fromMs,
    toMs: query.toMs,
    recordedMs: 2 * HOUR,
    apps: [
      groupUsage({ name: 'editor', cpuTimeMs: 5_000, memoryPeakBytes: 900 * 1024 ** 2 }),
      groupUsage({ name: 'browser', processCount: 12, cpuTimeMs: 90_000, memoryPeakBytes: 300 * 1024 ** 2, netRxBytes: 10, netTxBytes: 20 }),
    ],
    executables: [groupUsage({ kind: 'executable', name: 'sleep', exePath: '/usr/bin/sleep', processCount: 1900 })],
  };
}

interface Fake {
  answer?(query: Query): AnyQueryResult;
  deleteHistory?(): CommandResult;
}

function mount(fake: Fake = {}, store = createAppStore(null)) {
  const asked: Query[] = [];
  const deletes: unknown[] = [];
  const api = new Proxy({} as TaskManagerApi, {
    get: (_target, name: string) => (arg: unknown) => {
      if (name === 'query') {
        asked.push(arg as Query);
        const query = arg as Query;
        // An answer function that throws stands for a transport that rejects.
        return new Promise((resolve) => resolve(fake.answer ? fake.answer(query) : { ok: true, kind: 'appHistory', value: history(query) }));
      }
      if (name === 'deleteHistory') {
        deletes.push(arg);
        return Promise.resolve(fake.deleteHistory ? fake.deleteHistory() : { ok: true });
      }
      throw new Error(`App history called ${name}`);
    },
  });
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>
        <AppHistoryTab />
      </StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return { store, asked, deletes };
}

/** Lets the fake api's answers land. */
const settle = () => act(async () => await Promise.resolve());

const rowTexts = (name: string) =>
  within(screen.getByRole('grid', { name }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('[role="gridcell"]')].map((cell) => cell.textContent));

const lastQuery = (asked: Query[]) => asked[asked.length - 1];

describe('the App history tab', () => {
  it('asks the last 24 hours’ app history and lists the apps by CPU time, unknown network as —', async () => {
    const { asked } = mount();
    await settle();
    const query = lastQuery(asked);
    if (query?.kind !== 'appHistory') throw new Error('no appHistory asked');
    expect(query.toMs - query.fromMs).toBe(24 * HOUR);
    expect(Number.isInteger(query.fromMs) && Number.isInteger(query.toMs)).toBe(true);
    const rows = rowTexts(text.tables.apps);
    expect(rows.map((r) => r[0])).toEqual(['browser (12)', 'editor']);
    expect(rows[0]?.[1]).toBe('0:00:01:30');
    expect(rows[0]?.[8]).toBe('30 B');
    expect(rows[1]?.[8]).toBe('—');
    expect(screen.getByText(text.recorded('0:02:00:00'))).toBeTruthy();
  });

  it('sorts by a column header, and shows executables on the toggle', async () => {
    mount();
    await settle();
    fireEvent.click(screen.getByRole('button', { name: text.columns.memoryPeak }));
    expect(rowTexts(text.tables.apps).map((r) => r[0])).toEqual(['editor', 'browser (12)']);
    const header = screen.getAllByRole('columnheader').find((h) => h.getAttribute('aria-label') === text.columns.memoryPeak);
    expect(header?.getAttribute('aria-sort')).toBe('descending');
    const toggle = screen.getByRole('button', { name: text.views.executables });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(rowTexts(text.tables.executables).map((r) => r[0])).toEqual(['sleep (1,900)']);
  });

  it.each([
    ['UNSUPPORTED', text.failures.unsupported],
    ['HISTORY_OFF', text.failures.off],
    ['NO_HISTORY', text.failures.nothing],
  ] as const)('says so in words when the host answers %s', async (code, message) => {
    mount({ answer: () => failure(code, 'from the host') });
    await settle();
    expect(within(screen.getByRole('grid', { name: text.tables.apps })).getByText(message)).toBeTruthy();
  });

  it('says a broken link in words, not a blank or an exception', async () => {
    mount({
      answer: () => {
        throw new Error('the socket closed');
      },
    });
    await settle();
    expect(screen.getByText('History could not be read: the socket closed')).toBeTruthy();
  });

  it('asks again for the range chosen, and a custom range from its fields', async () => {
    const { asked } = mount();
    await settle();
    const select = screen.getByLabelText(text.range);
    fireEvent.change(select, { target: { value: '7d' } });
    await settle();
    let query = lastQuery(asked);
    expect(query?.kind === 'appHistory' && query.toMs - query.fromMs).toBe(7 * 24 * HOUR);
    fireEvent.change(select, { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText(text.from), { target: { value: '2026-01-02T03:00:00' } });
    fireEvent.change(screen.getByLabelText(text.to), { target: { value: '2026-01-02T03:15:00' } });
    fireEvent.click(screen.getByRole('button', { name: text.apply }));
    await settle();
    query = lastQuery(asked);
    expect(query).toEqual({ kind: 'appHistory', fromMs: new Date('2026-01-02T03:00:00').getTime(), toMs: new Date('2026-01-02T03:15:00').getTime() });
  });

  it('refuses an inverted custom range in words and asks nothing', async () => {
    const { asked } = mount();
    await settle();
    const count = asked.length;
    fireEvent.change(screen.getByLabelText(text.range), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText(text.from), { target: { value: '2026-01-02T04:00:00' } });
    fireEvent.change(screen.getByLabelText(text.to), { target: { value: '2026-01-02T03:00:00' } });
    fireEvent.click(screen.getByRole('button', { name: text.apply }));
    await settle();
    expect(screen.getByText(text.customInvalid.inverted)).toBeTruthy();
    expect(asked).toHaveLength(count);
  });

  it('lists the range’s events on the Events toggle', async () => {
    const { asked } = mount({
      answer: (query) =>
        query.kind === 'historyEvents'
          ? { ok: true, kind: 'historyEvents', value: { fromMs: query.fromMs, toMs: query.toMs, isTruncated: false, events: [historyEvent({ kind: 'command', name: 'sleep', pid: 42, detail: 'kill: done' })] } }
          : { ok: true, kind: 'appHistory', value: history(query) },
    });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: text.views.events }));
    await settle();
    expect(lastQuery(asked)?.kind).toBe('historyEvents');
    const [row] = rowTexts(text.tables.events);
    expect(row?.slice(1)).toEqual(['Command', 'sleep (PID 42)', 'kill: done']);
  });

  it('keeps its range and view when the tab is left and opened again', async () => {
    const { store } = mount();
    await settle();
    fireEvent.change(screen.getByLabelText(text.range), { target: { value: '30d' } });
    fireEvent.click(screen.getByRole('button', { name: text.views.executables }));
    await settle();
    cleanup();
    const { asked } = mount({}, store);
    await settle();
    const query = lastQuery(asked);
    expect(query?.kind === 'appHistory' && query.toMs - query.fromMs).toBe(30 * 24 * HOUR);
    expect(screen.getByRole('button', { name: text.views.executables }).getAttribute('aria-pressed')).toBe('true');
    expect(rowTexts(text.tables.executables).map((r) => r[0])).toEqual(['sleep (1,900)']);
  });

  it('Top consumers… opens the panel on the range shown', async () => {
    const { store, asked } = mount();
    await settle();
    fireEvent.click(screen.getByRole('button', { name: text.topConsumersButton }));
    const query = lastQuery(asked);
    if (query?.kind !== 'appHistory') throw new Error('no appHistory asked');
    expect(store.getState().topRange).toEqual({ fromMs: query.fromMs, toMs: query.toMs });
  });
});

describe('Delete usage history', () => {
  it('asks first, deletes the usage only, says so and reads the range again', async () => {
    const { asked, deletes } = mount();
    await settle();
    const count = asked.length;
    fireEvent.click(screen.getByRole('button', { name: text.deleteUsage }));
    const dialog = screen.getByRole('alertdialog', { name: text.deleteTitle });
    // Cancel is where the focus starts: Enter does not delete by accident.
    expect(document.activeElement?.textContent).toBe(text.cancel);
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: text.deleteConfirm })));
    await settle();
    expect(deletes).toEqual([{ scope: 'usage' }]);
    expect(screen.getByText(text.deleted)).toBeTruthy();
    expect(asked.length).toBe(count + 1);
  });

  it('Cancel deletes nothing', async () => {
    const { deletes } = mount();
    await settle();
    fireEvent.click(screen.getByRole('button', { name: text.deleteUsage }));
    fireEvent.click(screen.getByRole('button', { name: text.cancel }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(deletes).toEqual([]);
  });

  it('shows a refusal with its reason and reads nothing again', async () => {
    const { asked } = mount({ deleteHistory: () => failure('CONTROL_DISABLED', 'the host was started without --allow-control') });
    await settle();
    const count = asked.length;
    fireEvent.click(screen.getByRole('button', { name: text.deleteUsage }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: text.deleteConfirm })));
    await settle();
    expect(screen.getByText(`Usage history was not deleted: ${text.refusals['CONTROL_DISABLED']} (the host was started without --allow-control)`)).toBeTruthy();
    expect(asked.length).toBe(count);
  });
});
