/**
 * The preload (bundled into one file, dist/preload/preload.cjs): exposes the named functions of
 * `TaskManagerApi` as `window.taskManager` through `contextBridge`, and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { TaskManagerApi } from '../src-shared/api.ts';
import { createPreloadApi } from './preload-api.ts';

const api: TaskManagerApi = createPreloadApi(ipcRenderer);
contextBridge.exposeInMainWorld('taskManager', api);
