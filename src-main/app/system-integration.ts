/**
 * The OS integrations the shell offers, behind one interface: on Windows the elevation, scheduled
 * task and IFEO code of windows-integration/; elsewhere elevation is "running as root" and the
 * Windows-only toggles answer UNSUPPORTED.
 */
import { failure, type CommandResult } from '../../src-shared/commands.ts';
import type { AppArgs } from './app-args.ts';
import type { IntegrationState, SystemIntegrationLike } from './shell-controller.ts';

export interface AppSystemIntegration extends SystemIntegrationLike {
  /** Opens Windows' own Task Manager when a start in its place did not come up. */
  fallbackToWindowsTaskManager(): Promise<CommandResult>;
  /** The user opted in to "always start elevated" and this start isn't: the task was run; quit. */
  relaunchViaTaskIfOptedIn(args: AppArgs): Promise<boolean>;
}

export interface SystemIntegrationOptions {
  platform: NodeJS.Platform;
  exePath: string;
  argv: readonly string[];
  tempDir: string;
  log(line: string): void;
  /** Effective uid where the OS has one (Linux, macOS). */
  euid?: number | null;
}

export function createSystemIntegration(options: SystemIntegrationOptions): AppSystemIntegration {
  return createPosixIntegration(options);
}

function createPosixIntegration(options: SystemIntegrationOptions): AppSystemIntegration {
  const euid = options.euid ?? (typeof process.geteuid === 'function' ? process.geteuid() : null);
  const windowsOnly = async (what: string): Promise<CommandResult> => failure('UNSUPPORTED', `${what} is a Windows feature`);
  const state: IntegrationState = {
    isElevated: euid === null ? null : euid === 0,
    canElevate: false,
    isStartElevatedEnabled: false,
    isStartAtLoginEnabled: false,
    isReplaceTaskManagerEnabled: false,
    replaceTaskManagerOwner: null,
  };
  return {
    supports: { startElevated: false, startAtLogin: false, replaceTaskManager: false, tray: options.platform !== 'darwin' },
    getState: async () => state,
    restartAsAdministrator: async () => failure('UNSUPPORTED', 'restart the app with sudo (or as root) to act on other users’ processes'),
    setStartElevated: async () => windowsOnly('Always start elevated'),
    setStartAtLogin: async () => failure('UNSUPPORTED', 'start at login is not offered on this OS yet'),
    setReplaceTaskManager: async () => windowsOnly('Replacing Task Manager'),
    openWindowsTaskManager: async () => windowsOnly('Windows Task Manager'),
    fallbackToWindowsTaskManager: async () => windowsOnly('Windows Task Manager'),
    relaunchViaTaskIfOptedIn: async () => false,
  };
}
