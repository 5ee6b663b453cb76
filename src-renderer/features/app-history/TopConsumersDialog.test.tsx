// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { AnyQueryResult, Query } from '../../../src-shared/query.ts';
import { failure } from '../../../src-shared/results.ts';
import { FIXTURE_TIME_MS } from '../../../src-shared/testing/fixtures.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';
import { TimeTravelBanner } from '../shell/TimeTravelBanner.tsx';
import { appHistoryStrings } from './app-history-strings.ts';
import { TopConsumersDialog } from './TopConsumersDialog.tsx';
import { groupUsage, processUsage } from './usage-fixtures.ts';

afterEach(cleanup);

const text = appHistoryStrings.top;
const MIN = 60_000;
const FROM = FIXTURE_TIME_MS - 15 * MIN;

function answerOf(query: Query): AnyQueryResult {
  if (query.kind === 'topConsumers') {
    const byName = { cpu: 'busy-loop', memory: 'hog', disk: 'copier' }[query.by];
    return {
      ok: true,
      kind: 'topConsumers',
      value: {
        fromMs: query.fromMs,
        toMs: query.toMs,
        by: query.by,
        recordedMs: 15 * MIN,
        processes: [processUsage({ name: byName, pid: 4242, cpuTimeMs: 870_000, cpuPercentMean: 96.7 })],
        apps: [groupUsage({ name: 'terminal', processCount: 3 })],
      },
    };
  }
  if (query.kind === 'historyEvents') return { ok: true, kind: 'historyEvents', value: { fromMs: query.fromMs, toMs: query.toMs, events: [], isTruncated: false } };
  if (query.kind === 'processesAt') return { ok: true, kind: 'processesAt', value: { atMs: query.atMs, takenAtMs: query.atMs, processes: [], apps: [] } };
  throw new Error(query.kind);
}

function mount(answer: (query: Query) => AnyQueryResult = answerOf) {
  const store = createAppStore(null);
  const asked: Query[] = [];
  const api = new Proxy({} as TaskManagerApi, {
    get: (_target, name: string) => (arg: unknown) => {
      if (name !== 'query') throw new Error(`Top consumers called ${name}`);
      asked.push(arg as Query);
      return Promise.resolve(answer(arg as Query));
    },
  });
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>
        <TimeTravelBanner />
        <TopConsumersDialog />
      </StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return { store, asked };
}

const settle = () => act(async () => await Promise.resolve());
const tops = (asked: Query[]) => asked.filter((q) => q.kind === 'topConsumers');

describe('Top consumers', () => {
  it('shows nothing until a range is asked for', () => {
    const { asked } = mount();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(asked).toEqual([]);
  });

  it('ranks the 10 processes and apps that used most CPU in the range, with its events', async () => {
    const { store, asked } = mount();
    act(() => store.getState().showTopConsumers(FROM, FIXTURE_TIME_MS));
    await settle();
    expect(tops(asked)).toEqual([{ kind: 'topConsumers', fromMs: FROM, toMs: FIXTURE_TIME_MS, by: 'cpu', limit: 10 }]);
    expect(asked).toContainEqual({ kind: 'historyEvents', fromMs: FROM, toMs: FIXTURE_TIME_MS });
    const dialog = screen.getByRole('dialog');
    const processes = within(dialog).getByRole('table', { name: text.processes });
    const cells = within(processes).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(0, 3)).toEqual(['busy-loop (PID 4242)', '0:00:14:30', '96.7%']);
    expect(within(within(dialog).getByRole('table', { name: text.apps })).getByText('terminal (3)')).toBeTruthy();
    expect(within(dialog).getByText(appHistoryStrings.noEvents)).toBeTruthy();
  });

  it('asks again ranked by memory when Memory is chosen', async () => {
    const { store, asked } = mount();
    act(() => store.getState().showTopConsumers(FROM, FIXTURE_TIME_MS));
    await settle();
    fireEvent.click(screen.getByRole('radio', { name: text.byChoices.memory }));
    await settle();
    expect(tops(asked).map((q) => q.kind === 'topConsumers' && q.by)).toEqual(['cpu', 'memory']);
    expect(screen.getByText('hog (PID 4242)')).toBeTruthy();
  });

  it('says in words that history is off, never a blank table', async () => {
    const { store } = mount(() => failure('HISTORY_OFF', 'started with --no-history'));
    act(() => store.getState().showTopConsumers(FROM, FIXTURE_TIME_MS));
    await settle();
    expect(within(screen.getByRole('table', { name: text.processes })).getByText(appHistoryStrings.failures.off)).toBeTruthy();
    expect(within(screen.getByRole('grid', { name: appHistoryStrings.tables.events })).getByText(appHistoryStrings.failures.off)).toBeTruthy();
  });

  it('Close and Escape close it, Escape without leaving the past', async () => {
    const { store } = mount();
    act(() => store.getState().showTopConsumers(FROM, FIXTURE_TIME_MS));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: text.close }));
    expect(store.getState().topRange).toBeNull();
    act(() => {
      store.getState().startTravel(FIXTURE_TIME_MS);
      store.getState().showTopConsumers(FROM, FIXTURE_TIME_MS);
    });
    await settle();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(store.getState().topRange).toBeNull();
    expect(store.getState().viewAtMs).toBe(FIXTURE_TIME_MS);
  });

  it('opens from the time-travel banner on the 15 minutes before the moment viewed', async () => {
    const { store, asked } = mount();
    act(() => store.getState().startTravel(FIXTURE_TIME_MS));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: strings.timeTravel.whatUsed }));
    await settle();
    expect(store.getState().topRange).toEqual({ fromMs: FROM, toMs: FIXTURE_TIME_MS });
    expect(tops(asked)).toHaveLength(1);
    expect(screen.getByRole('dialog').textContent).toContain('busy-loop');
  });
});
