// @vitest-environment happy-dom
import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../src-shared/api.ts';
import { failure } from '../../src-shared/commands.ts';
import { BROWSER_SHELL_STATE } from '../../src-shared/shell.ts';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { createAppStore } from './store.ts';
import { iconRequests, watchProcessIcons } from './process-icons.ts';

const rows = [
  processRow({ pid: 10, startTimeMs: 1, exePath: 'C:\\a.exe' }),
  processRow({ pid: 11, startTimeMs: 2, exePath: 'C:\\a.exe' }),
  processRow({ pid: 12, startTimeMs: 3, exePath: 'C:\\b.exe' }),
  processRow({ pid: 4, startTimeMs: 4, exePath: null }),
];

describe('iconRequests', () => {
  it('asks once per executable not asked for yet, naming one process that runs it', () => {
    expect([...iconRequests(snapshot({ processes: rows }), new Set(['C:\\b.exe']))]).toEqual([['C:\\a.exe', { pid: 10, startTimeMs: 1 }]]);
  });
});

describe('watchProcessIcons', () => {
  function setup(isDesktopApp: boolean) {
    const store = createAppStore(null);
    store.getState().ingestShellState({ ...BROWSER_SHELL_STATE, isDesktopApp });
    const asked: number[] = [];
    const api = {
      getProcessIcon: async ({ pid }: { pid: number }) => {
        asked.push(pid);
        return pid === 12 ? failure('NOT_FOUND', 'gone') : { ok: true as const, dataUrl: `data:image/png;base64,${pid}` };
      },
    } as unknown as TaskManagerApi;
    watchProcessIcons(api, store);
    return { store, asked };
  }
  const flush = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

  it('fetches each executable’s icon once, stores each wave at once, and asks again for one whose process was gone', async () => {
    const { store, asked } = setup(true);
    act(() => store.getState().ingestSnapshot(snapshot({ seq: 1, processes: rows }), 0));
    await flush();
    expect(store.getState().processIcons).toEqual({ 'C:\\a.exe': 'data:image/png;base64,10' });
    act(() => store.getState().ingestSnapshot(snapshot({ seq: 2, processes: rows }), 1));
    await flush();
    expect(asked).toEqual([10, 12, 12]);
  });

  it('fetches nothing in a browser view', async () => {
    const { store, asked } = setup(false);
    act(() => store.getState().ingestSnapshot(snapshot({ seq: 1, processes: rows }), 0));
    await flush();
    expect(asked).toEqual([]);
    expect(store.getState().processIcons).toEqual({});
  });

  it('asks nothing while another machine is shown, and asks again for this computer’s icons after coming back', async () => {
    const { store, asked } = setup(true);
    const machine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: null, color: '#1565c0', hasControlToken: false };
    const desktop = store.getState().shell ?? BROWSER_SHELL_STATE;
    act(() => store.getState().ingestSnapshot(snapshot({ seq: 1, processes: rows }), 0));
    await flush();
    act(() => {
      store.getState().ingestShellState({ ...desktop, machines: [machine], shownMachine: { ...machine, state: 'connected', message: null } });
      store.getState().ingestMachineSwitch();
      store.getState().ingestSnapshot(snapshot({ seq: 2, processes: rows }), 1);
    });
    await flush();
    expect(asked).toEqual([10, 12]);
    expect(store.getState().processIcons).toEqual({});
    act(() => {
      store.getState().ingestShellState({ ...desktop, machines: [machine] });
      store.getState().ingestMachineSwitch();
      store.getState().ingestSnapshot(snapshot({ seq: 3, processes: rows }), 2);
    });
    await flush();
    expect(asked).toEqual([10, 12, 10, 12]);
    expect(store.getState().processIcons).toEqual({ 'C:\\a.exe': 'data:image/png;base64,10' });
  });
});
