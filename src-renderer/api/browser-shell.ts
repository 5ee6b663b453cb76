/**
 * The shell part of `TaskManagerApi` for a page served by the headless host: there is no desktop
 * shell to toggle, so the state says so and every shell command answers UNSUPPORTED.
 */
import type { ShellApi } from '../../src-shared/api.ts';
import type { CommandResult } from '../../src-shared/commands.ts';
import { failure } from '../../src-shared/results.ts';
import { BROWSER_SHELL_STATE } from '../../src-shared/browser-shell-state.ts';

const notHere = async (): Promise<CommandResult> => failure('UNSUPPORTED', 'this works in the desktop app, not in a browser view of the headless host');

export function browserShellApi(): ShellApi {
  return {
    onShellState: (listener) => {
      listener(BROWSER_SHELL_STATE);
      return () => undefined;
    },
    setShellSettings: notHere,
    restartAsAdministrator: notHere,
    openWindowsTaskManager: notHere,
    // A browser view shows no icons: nothing to fetch, nothing to fail.
    getProcessIcon: async () => ({ ok: true, dataUrl: null }),
    probeMachine: async () => failure('UNSUPPORTED', 'this works in the desktop app, not in a browser view of the headless host'),
    connectMachine: notHere,
    showMachine: notHere,
    forgetMachine: notHere,
  };
}
