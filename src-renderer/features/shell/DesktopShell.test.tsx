// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import { failure, type CommandResult } from '../../../src-shared/commands.ts';
import { BROWSER_SHELL_STATE, type ShellState } from '../../../src-shared/shell.ts';
import { createAppStore } from '../../store/store.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { DesktopSettings } from './DesktopSettings.tsx';
import { ElevationBanner } from './ElevationBanner.tsx';

afterEach(cleanup);

const windowsShell: ShellState = {
  ...BROWSER_SHELL_STATE,
  isDesktopApp: true,
  platform: 'win32',
  isElevated: false,
  canRestartElevated: true,
  supports: { startElevated: true, startAtLogin: true, replaceTaskManager: true, tray: true },
};

function mount(node: ReactNode, shell: ShellState, answers: Partial<Record<keyof TaskManagerApi, CommandResult>> = {}) {
  const store = createAppStore(null);
  store.getState().ingestShellState(shell);
  const calls: { name: string; args: unknown }[] = [];
  const api = new Proxy({} as TaskManagerApi, {
    get: (_target, name: string) => async (args: unknown) => {
      calls.push({ name, args });
      return answers[name as keyof TaskManagerApi] ?? { ok: true };
    },
  });
  render(
    <ApiContext.Provider value={api}>
      <StoreContext.Provider value={store}>{node}</StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return { store, calls };
}

describe('ElevationBanner', () => {
  it('offers "Restart as administrator" when the Windows app is not elevated, and shows a refusal', async () => {
    const { calls } = mount(<ElevationBanner />, windowsShell, { restartAsAdministrator: failure('ACCESS_DENIED', 'the UAC prompt was declined') });
    expect(screen.getByRole('region').textContent).toMatch(/not running as administrator/);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Restart as administrator' })));
    expect(calls).toEqual([{ name: 'restartAsAdministrator', args: {} }]);
    expect(screen.getByRole('alert').textContent).toContain('the UAC prompt was declined');
  });

  it.each([
    ['elevated', { ...windowsShell, isElevated: true }],
    ['in a browser view', BROWSER_SHELL_STATE],
    ['on Linux', { ...windowsShell, platform: 'linux' }],
  ])('is not shown %s', (_label, shell) => {
    mount(<ElevationBanner />, shell);
    expect(screen.queryByRole('region')).toBeNull();
  });
});

describe('DesktopSettings', () => {
  it('shows every Windows toggle with its state and sends the change', async () => {
    const { calls } = mount(<DesktopSettings />, { ...windowsShell, isAlwaysOnTop: true });
    const boxes = screen.getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes.map((box) => box.parentElement?.textContent)).toEqual([
      'Always on top',
      'Hide to the tray when minimised',
      'Always start as administrator (no UAC prompt)',
      'Start when I log in',
      'Open this app for Ctrl+Shift+Esc (replace Windows Task Manager) (needs administrator)',
    ]);
    expect(boxes.map((box) => box.checked)).toEqual([true, false, false, false, false]);
    await act(async () => fireEvent.click(boxes[2] as HTMLInputElement));
    expect(calls).toEqual([{ name: 'setShellSettings', args: { isStartElevatedEnabled: true } }]);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open Windows Task Manager' })));
    expect(calls.at(-1)?.name).toBe('openWindowsTaskManager');
  });

  it('shows the OS refusal in plain words', async () => {
    mount(<DesktopSettings />, windowsShell, { setShellSettings: failure('ACCESS_DENIED', 'replacing Task Manager needs administrator rights') });
    await act(async () => fireEvent.click(screen.getAllByRole('checkbox')[4] as HTMLElement));
    expect(screen.getByRole('alert').textContent).toBe('The setting could not be changed: replacing Task Manager needs administrator rights');
  });

  it('says when another tool already replaces Task Manager', () => {
    mount(<DesktopSettings />, { ...windowsShell, replaceTaskManagerOwner: 'other' });
    expect(screen.getByText(/Another program replaces Windows Task Manager/)).toBeTruthy();
  });

  it('offers only what the OS has (Linux: always on top and the tray), and nothing in a browser', () => {
    mount(<DesktopSettings />, { ...windowsShell, platform: 'linux', isElevated: null, supports: { startElevated: false, startAtLogin: false, replaceTaskManager: false, tray: true } });
    expect(screen.getAllByRole('checkbox')).toHaveLength(2);
    expect(screen.queryByRole('button')).toBeNull();
    cleanup();
    mount(<DesktopSettings />, BROWSER_SHELL_STATE);
    expect(screen.queryByRole('group')).toBeNull();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  });
});
