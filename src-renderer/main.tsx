/**
 * The renderer's entry: finds `window.taskManager` (the Electron preload's) or, served by the
 * headless host, creates the WebSocket implementation of the same interface, then renders.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { TaskManagerApi } from '../src-shared/api.ts';
import { createWebSocketApi, streamUrlFor, takeToken } from './api/websocket-api.ts';
import { App } from './App.tsx';
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

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App api={resolveApi()} /></StrictMode>);
