// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import { DEFAULT_HISTORY_SETTINGS } from '../../../src-shared/query.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { SettingsMenu } from './SettingsMenu.tsx';

afterEach(cleanup);

describe('SettingsMenu', () => {
  it('Escape in the delete-history confirmation closes only the confirmation; the next one closes Settings', async () => {
    const api = {
      setUpdateSpeed: () => Promise.resolve({ ok: true }),
      query: () =>
        Promise.resolve({
          ok: true,
          kind: 'historyStatus',
          value: { state: 'recording', reason: null, oldestMs: null, newestMs: null, bytes: null, dir: null, notice: null, settings: DEFAULT_HISTORY_SETTINGS },
        }),
    } as unknown as TaskManagerApi;
    render(
      <ApiContext.Provider value={api}>
        <StoreContext.Provider value={createAppStore(null)}>
          <SettingsMenu />
        </StoreContext.Provider>
      </ApiContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete all history…' }));
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    const settings = screen.getByRole('group', { name: 'Settings' });
    fireEvent.keyDown(settings, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Settings' })).toBeNull();
  });
});
