/**
 * A store whose shell shows another machine, build-server (ShellState.shownMachine), connected: for
 * the pages' tests that check a question or a feedback names it.
 */
import { BROWSER_SHELL_STATE } from '../../src-shared/browser-shell-state.ts';
import type { SavedMachine } from '../../src-shared/machines.ts';
import { createAppStore } from '../store/store.ts';

export const BUILD_SERVER: SavedMachine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: null, color: '#ffeb3b', hasControlToken: true };

export function storeShowingBuildServer() {
  const store = createAppStore(null);
  store.getState().ingestShellState({ ...BROWSER_SHELL_STATE, isDesktopApp: true, platform: 'linux', machines: [BUILD_SERVER], shownMachine: { ...BUILD_SERVER, state: 'connected', message: null } });
  return store;
}
