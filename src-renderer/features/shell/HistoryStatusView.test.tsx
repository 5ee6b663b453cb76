// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import { DEFAULT_HISTORY_SETTINGS, type AnyQueryResult, type Query } from '../../../src-shared/query.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { HistoryStatusView } from './HistoryStatusView.tsx';

afterEach(cleanup);

function mount(answer: AnyQueryResult) {
  const asked: Query[] = [];
  const api = { query: (query: Query) => (asked.push(query), Promise.resolve(answer)) } as unknown as TaskManagerApi;
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={createAppStore(null)}>
        <HistoryStatusView />
      </StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return asked;
}

describe('HistoryStatusView', () => {
  it('asks historyStatus and says the store is off and why', async () => {
    const asked = mount({ ok: true, kind: 'historyStatus', value: { state: 'off', reason: 'started with --no-history', oldestMs: null, newestMs: null, bytes: null, dir: null, notice: null, settings: DEFAULT_HISTORY_SETTINGS } });
    expect(await screen.findByText('Off: started with --no-history')).toBeTruthy();
    expect(screen.getByText('Nothing recorded yet')).toBeTruthy();
    expect(asked).toEqual([{ kind: 'historyStatus' }]);
  });

  it('says paused with its reason', async () => {
    mount({ ok: true, kind: 'historyStatus', value: { state: 'paused', reason: 'the disk is full', oldestMs: 1, newestMs: 2, bytes: 1024, dir: null, notice: null, settings: DEFAULT_HISTORY_SETTINGS } });
    expect(await screen.findByText('Paused: the disk is full')).toBeTruthy();
  });

  it('says why it could not be read', async () => {
    mount({ ok: false, code: 'UNSUPPORTED', message: 'this host has no history' });
    expect(await screen.findByText('History status could not be read: this host has no history')).toBeTruthy();
  });
});
