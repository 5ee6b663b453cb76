// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { CommandResult } from '../../../src-shared/commands.ts';
import { DEFAULT_HISTORY_SETTINGS, type AnyQueryResult, type HistoryStatus, type Query } from '../../../src-shared/query.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { DISMISSED_NOTICE_KEY, HistoryStatusView } from './HistoryStatusView.tsx';

afterEach(() => {
  cleanup();
  window.localStorage.removeItem(DISMISSED_NOTICE_KEY);
});

const recording: HistoryStatus = {
  state: 'recording',
  reason: null,
  oldestMs: 1_700_000_000_000,
  newestMs: 1_700_000_060_000,
  bytes: 1024,
  dir: '/home/me/.local/share/taskmgr/history',
  notice: null,
  settings: DEFAULT_HISTORY_SETTINGS,
};
const answerOf = (status: HistoryStatus): AnyQueryResult => ({ ok: true, kind: 'historyStatus', value: status });

/** A fake host: answers historyStatus from `state.answer`, records every call, and answers commands with `state.command`. */
function mount(answer: AnyQueryResult, command: CommandResult = { ok: true }) {
  const state = { answer, command };
  const calls: { name: string; arg: unknown }[] = [];
  const api = {
    query: (query: Query) => (calls.push({ name: 'query', arg: query }), Promise.resolve(state.answer)),
    setHistorySettings: (arg: unknown) => (calls.push({ name: 'setHistorySettings', arg }), Promise.resolve(state.command)),
    deleteHistory: (arg: unknown) => (calls.push({ name: 'deleteHistory', arg }), Promise.resolve(state.command)),
  } as unknown as TaskManagerApi;
  const store = createAppStore(null);
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>
        <HistoryStatusView />
      </StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return { calls, store, state };
}

const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

describe('HistoryStatusView', () => {
  it('asks historyStatus and says the store is off and why', async () => {
    const { calls } = mount(answerOf({ ...recording, state: 'off', reason: 'started with --no-history', oldestMs: null, newestMs: null, bytes: null, dir: null }));
    expect(await screen.findByText('Off: started with --no-history')).toBeTruthy();
    expect(screen.getByText('Nothing recorded yet')).toBeTruthy();
    expect(calls).toEqual([{ name: 'query', arg: { kind: 'historyStatus' } }]);
  });

  it('says paused with its reason, and the folder', async () => {
    mount(answerOf({ ...recording, state: 'paused', reason: 'the disk is full' }));
    expect(await screen.findByText('Paused: the disk is full')).toBeTruthy();
    expect(screen.getByText('Folder: /home/me/.local/share/taskmgr/history')).toBeTruthy();
  });

  it('says why it could not be read', async () => {
    mount({ ok: false, code: 'UNSUPPORTED', message: 'this host has no history' });
    expect(await screen.findByText('History status could not be read: this host has no history')).toBeTruthy();
  });

  it('follows a pushed status without asking again', async () => {
    const { calls, store } = mount(answerOf(recording));
    await screen.findByText('Recording');
    act(() => store.getState().ingestHistoryStatus({ ...recording, state: 'readOnly', reason: 'serve writes to this folder' }));
    expect(screen.getByText('Read only: serve writes to this folder')).toBeTruthy();
    expect(calls).toHaveLength(1);
  });

  it('shows a notice once: Dismiss hides it, the same notice pushed again stays hidden, a new one shows', async () => {
    const notice = 'The history file was damaged: it was kept aside as history.corrupt-1.sqlite and a new one started.';
    const { store } = mount(answerOf({ ...recording, notice }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(notice);
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => store.getState().ingestHistoryStatus({ ...recording, notice, bytes: 2048 }));
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => store.getState().ingestHistoryStatus({ ...recording, notice: 'Another notice.' }));
    expect(screen.getByRole('alert').textContent).toContain('Another notice.');
  });

  it('remembers a dismissed notice across a reload', async () => {
    const notice = 'The history file was damaged.';
    mount(answerOf({ ...recording, notice }));
    fireEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Dismiss' }));
    cleanup();
    mount(answerOf({ ...recording, notice }));
    await screen.findByText('Recording');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a command-line toggle sends setHistorySettings and shows the host’s new choice', async () => {
    const { calls, state } = mount(answerOf(recording));
    const others = await screen.findByRole('checkbox', { name: 'Record command lines of other accounts’ processes' });
    expect((others as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('checkbox', { name: 'Record command lines of my processes' }) as HTMLInputElement).checked).toBe(true);
    state.answer = answerOf({ ...recording, settings: { ...DEFAULT_HISTORY_SETTINGS, isRecordingOthersCommandLines: true } });
    fireEvent.click(others);
    await settle();
    expect(calls.filter((c) => c.name !== 'query')).toEqual([{ name: 'setHistorySettings', arg: { isRecordingOthersCommandLines: true } }]);
    expect((others as HTMLInputElement).checked).toBe(true);
  });

  it('shows a refusal with its reason (a view-only host)', async () => {
    mount(answerOf(recording), { ok: false, code: 'CONTROL_DISABLED', message: 'this host was started without --allow-control: it only shows, it does not act' });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Record command lines of my processes' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('History could not be changed: this host was started without --allow-control: it only shows, it does not act');
    expect((screen.getByRole('checkbox', { name: 'Record command lines of my processes' }) as HTMLInputElement).checked).toBe(true);
  });

  it('Delete all history… asks first: Cancel deletes nothing, the confirmation sends deleteHistory everything', async () => {
    const { calls } = mount(answerOf(recording));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete all history…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete all history?' });
    // The safe choice has the focus.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Delete all history…' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete all history' }));
    await settle();
    expect(calls.filter((c) => c.name === 'deleteHistory')).toEqual([{ name: 'deleteHistory', arg: { scope: 'everything' } }]);
    expect(screen.getByRole('status').textContent).toBe('All history was deleted.');
    // Read again after the delete: the size and what is held changed.
    expect(calls.filter((c) => c.name === 'query')).toHaveLength(2);
  });

  it('says why a delete was refused (history off)', async () => {
    mount(answerOf(recording), { ok: false, code: 'HISTORY_OFF', message: 'history is off on this host (--no-history)' });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete all history…' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete all history' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('History could not be changed: history is off on this host (--no-history)');
  });
});
