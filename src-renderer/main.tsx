/**
 * The renderer's entry: finds `window.taskManager` (the Electron preload's) or, served by the
 * headless host, creates the WebSocket implementation of the same interface; makes the store;
 * connects the live feed; renders.
 */
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import type { TaskManagerApi } from '../src-shared/api.ts';
import { createWebSocketApi, streamUrlFor, takeToken } from './api/websocket-api.ts';
import { App } from './App.tsx';
import { createAppStore } from './store/store.ts';
import { ApiContext, StoreContext } from './store/store-context.tsx';
import { useLiveFeed } from './store/use-live-feed.ts';
import { strings } from './strings.ts';
import './styles.css';

declare global {
  interface Window {
    taskManager?: TaskManagerApi;
  }
}

function resolveApi(): TaskManagerApi | null {
  if (window.taskManager) return window.taskManager;
  const token = takeToken(window.location, window.history, window.sessionStorage);
  if (!token) return null;
  return createWebSocketApi({ url: streamUrlFor(window.location), token });
}

const api = resolveApi();
const store = createAppStore(window.localStorage);

function Root({ api: liveApi }: { api: TaskManagerApi }) {
  useLiveFeed(liveApi, store);
  useDesktopIcons(liveApi);
  return (
    <ApiContext.Provider value={liveApi}>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </ApiContext.Provider>
  );
}

/** The processes' icons: the desktop app's only (a browser view has none), so their module loads there alone. */
function useDesktopIcons(liveApi: TaskManagerApi): void {
  useEffect(() => {
    if (!window.taskManager) return;
    let stop: (() => void) | null = null;
    let isGone = false;
    void import('./store/process-icons.ts').then((icons) => {
      if (!isGone) stop = icons.watchProcessIcons(liveApi, store);
    });
    return () => {
      isGone = true;
      stop?.();
    };
  }, [liveApi]);
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>{api ? <Root api={api} /> : <main className="notice">{strings.noToken}</main>}</StrictMode>,
  );
}
