// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_SHELL_STATE } from '../src-shared/browser-shell-state.ts';
import { App } from './App.tsx';
import { renderWithApi } from './testing/fake-api.tsx';

afterEach(cleanup);

const machine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: null, color: '#1565c0', hasControlToken: true };

describe('App: many machines', () => {
  it('in the desktop app, has the machine switcher and, while another machine is shown, its bar', async () => {
    renderWithApi(<App />, { ...BROWSER_SHELL_STATE, isDesktopApp: true, platform: 'linux', machines: [machine], shownMachine: { ...machine, state: 'connecting', message: null } });
    expect(await screen.findByRole('button', { name: 'Machine: build-server' })).toBeTruthy();
    expect((await screen.findByText('Viewing build-server (https://build-server:8737)')).closest('.machine-bar')).toBeTruthy();
  });

  it('in a browser view of the host shows nothing of it', async () => {
    renderWithApi(<App />, BROWSER_SHELL_STATE);
    // The settings button is there (the header has rendered); no switcher, no bar.
    expect(await screen.findByRole('button', { name: /Settings/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Machine:/ })).toBeNull();
    expect(screen.queryByText(/^Viewing /)).toBeNull();
  });
});
