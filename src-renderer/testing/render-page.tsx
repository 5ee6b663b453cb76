/**
 * Renders a page as the app does: under the api (`window.taskManager`, a fake here) and the store.
 */
import { render } from '@testing-library/react';
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
