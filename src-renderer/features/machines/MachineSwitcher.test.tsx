// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_SHELL_STATE } from '../../../src-shared/browser-shell-state.ts';
import type { SavedMachine } from '../../../src-shared/machines.ts';
import { failure } from '../../../src-shared/results.ts';
import type { ShellState } from '../../../src-shared/shell.ts';
import { renderWithApi } from '../../testing/fake-api.tsx';
import { MachineSwitcher } from './MachineSwitcher.tsx';

afterEach(cleanup);

const buildServer: SavedMachine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: null, color: '#1565c0', hasControlToken: true };
const nas: SavedMachine = { id: 'm2', name: 'nas', url: 'https://nas.lan:8737', fingerprint: null, color: '#c62828', hasControlToken: false };
const desktop = (shownMachine: SavedMachine | null): ShellState => ({
  ...BROWSER_SHELL_STATE,
  isDesktopApp: true,
  platform: 'linux',
  machines: [buildServer, nas],
  shownMachine: shownMachine === null ? null : { ...shownMachine, state: 'connected', message: null },
});

const openMenu = () => {
  const button = screen.getByRole('button', { name: /^Machine:/ });
  fireEvent.keyDown(button, { key: 'ArrowDown' });
  return screen.getByRole('menu');
};

describe('MachineSwitcher', () => {
  it('names the machine shown, and lists this computer, each saved machine with its colour (the shown one checked), Connect… and Forget', () => {
    renderWithApi(<MachineSwitcher />, desktop(buildServer));
    expect(screen.getByRole('button', { name: 'Machine: build-server' })).toBeTruthy();
    openMenu();
    const items = [...screen.getByRole('menu').querySelectorAll('[role^="menuitem"]')];
    expect(items.map((item) => item.textContent)).toEqual(['This computer', 'build-server', 'nas', 'Connect to machine…', 'Forget build-server', 'Forget nas']);
    expect(items.map((item) => item.getAttribute('aria-checked'))).toEqual(['false', 'true', 'false', null, null, null]);
    const dots = items.map((item) => (item.querySelector('.menu-swatch') as HTMLElement | null)?.style.background ?? null);
    expect(dots.slice(0, 3)).toEqual([null, expect.stringMatching(/#1565c0|rgb\(21, 101, 192\)/), expect.stringMatching(/#c62828|rgb\(198, 40, 40\)/)]);
  });

  it('says “This computer” when no other machine is shown', () => {
    renderWithApi(<MachineSwitcher />, desktop(null));
    expect(screen.getByRole('button', { name: 'Machine: This computer' })).toBeTruthy();
  });

  it('is used from the keyboard: arrows to a machine, Enter shows it', async () => {
    const { argsOf } = renderWithApi(<MachineSwitcher />, desktop(null));
    const menu = openMenu();
    // Opens on the checked item (This computer); one down is build-server, two down nas.
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    await act(async () => fireEvent.keyDown(menu, { key: 'Enter' }));
    expect(argsOf('showMachine')).toEqual([{ id: 'm2' }]);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('shows this computer again, and forgets a machine', async () => {
    const { argsOf } = renderWithApi(<MachineSwitcher />, desktop(buildServer));
    openMenu();
    await act(async () => fireEvent.click(screen.getByText('This computer')));
    expect(argsOf('showMachine')).toEqual([{ id: null }]);
    openMenu();
    await act(async () => fireEvent.click(screen.getByText('Forget nas')));
    expect(argsOf('forgetMachine')).toEqual([{ id: 'm2' }]);
  });

  it('says a refusal beside it in plain words, and no more once the next action worked', async () => {
    const answers = { showMachine: failure('NOT_FOUND', 'no saved machine has this id') as unknown };
    renderWithApi(<MachineSwitcher />, desktop(null), answers);
    openMenu();
    await act(async () => fireEvent.click(screen.getByText('build-server')));
    expect(screen.getByRole('alert').textContent).toBe('Could not show build-server: no saved machine has this id');
    answers.showMachine = { ok: true };
    openMenu();
    await act(async () => fireEvent.click(screen.getByText('nas')));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('opens Connect to machine…', async () => {
    renderWithApi(<MachineSwitcher />, desktop(null));
    openMenu();
    fireEvent.click(screen.getByText('Connect to machine…'));
    expect(await screen.findByRole('dialog', { name: 'Connect to machine' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

