/**
 * The store and the API for components, through React context (one of each per page), and the
 * narrow selector hook every component reads through.
 */
import { createContext, useContext } from 'react';
import type { StoreApi } from 'zustand';
import { useStore } from 'zustand';
import type { TaskManagerApi } from '../../src-shared/api.ts';
import type { Store } from './store.ts';

export const StoreContext = createContext<StoreApi<Store> | null>(null);
export const ApiContext = createContext<TaskManagerApi | null>(null);

export function useAppStore<T>(selector: (state: Store) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return useStore(store, selector);
}

export function useStoreApi(): StoreApi<Store> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStoreApi outside <StoreContext.Provider>');
  return store;
}

export function useApi(): TaskManagerApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}
