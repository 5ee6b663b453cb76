// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_SHELL_STATE } from '../../../src-shared/browser-shell-state.ts';
import type { MachineState, SavedMachine } from '../../../src-shared/machines.ts';
import type { ShellState } from '../../../src-shared/shell.ts';
import { renderWithApi } from '../../testing/fake-api.tsx';
import { MachineBar } from './MachineBar.tsx';

afterEach(cleanup);

const buildServer: SavedMachine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: null, color: '#ffeb3b', hasControlToken: true };
const desktop: ShellState = { ...BROWSER_SHELL_STATE, isDesktopApp: true, platform: 'linux', machines: [buildServer] };
const showing = (state: MachineState, message: string | null = null): ShellState => ({ ...desktop, shownMachine: { ...buildServer, state, message } });

describe('MachineBar', () => {
  it.each([
    ['connecting', null, 'connecting…'],
    ['connected', null, 'connected'],
    ['unreachable', 'the host does not answer', 'unreachable: the host does not answer'],
    ['refused', 'the host refused the token', 'refused: the host refused the token'],
  ] as const)('%s: a bar in the machine’s colour says which machine and how it is, and the title names it', (state, message, said) => {
    renderWithApi(<MachineBar />, showing(state, message));
    const bar = screen.getByRole('status');
    expect(bar.textContent).toBe(`Viewing build-server (https://build-server:8737)${said}`);
    expect(bar.style.background).toMatch(/#ffeb3b|rgb\(255, 235, 59\)/);
    expect(bar.style.color).toMatch(/#000000|rgb\(0, 0, 0\)/);
    expect(document.title).toBe('Task Manager — build-server');
  });

  it('shows nothing for this computer, and the title goes back when the machine is left', () => {
    const { store } = renderWithApi(<MachineBar />, showing('connected'));
    expect(document.title).toBe('Task Manager — build-server');
    act(() => store.getState().ingestShellState(desktop));
    expect(screen.queryByRole('status')).toBeNull();
    expect(document.title).toBe('Task Manager');
  });

  it('says when actions will be refused for want of a control token', () => {
    renderWithApi(<MachineBar />, { ...desktop, shownMachine: { ...buildServer, hasControlToken: false, state: 'connected', message: null } });
    expect(screen.getByRole('status').textContent).toContain('view only');
  });
});
