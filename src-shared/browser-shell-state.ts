/**
 * The shell state of a page served by the headless host (shell.ts has the schema): a plain value,
 * so the page can use it without the schemas.
 */
import type { ShellState } from './shell.ts';

/** What a browser view (headless host) sees: no shell, nothing to toggle. */
export const BROWSER_SHELL_STATE: ShellState = {
  isDesktopApp: false,
  platform: null,
  isElevated: null,
  canRestartElevated: false,
  isAlwaysOnTop: false,
  isMinimizeToTray: false,
  isStartElevatedEnabled: false,
  isStartAtLoginEnabled: false,
  isReplaceTaskManagerEnabled: false,
  replaceTaskManagerOwner: null,
  supports: { startElevated: false, startAtLogin: false, replaceTaskManager: false, tray: false },
  lastError: null,
  focusRequest: null,
  machines: [],
  shownMachine: null,
};
