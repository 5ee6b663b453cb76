/**
 * Renders a page as the app does: under the api (`window.taskManager`, a fake here) and the store.
 */
import { act, render, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { TaskManagerApi } from '../../src-shared/api.ts';
import { createAppStore } from '../store/store.ts';
import { ApiContext, StoreContext } from '../store/store-context.tsx';

export function renderPage(page: ReactNode, api: TaskManagerApi, store = createAppStore(null)) {
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>{page}</StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return store;
}

/** Lets the fake api's answers (and the state they set) land. */
export const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

/** The text of each data row's cells (the header row left out), in the order shown. */
export function gridCellTexts(grid: HTMLElement): (string | null)[][] {
  return within(grid)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('[role="gridcell"]')].map((cell) => cell.textContent));
}
