/**
 * The OS integrations the shell offers, as the shell controller needs them: the facade of
 * windows-integration/ (elevation, the "always start elevated" task, start at login, the taskmgr.exe
 * IFEO value; on Linux root and an XDG autostart file), plus the single-instance lock, which must be
 * let go while an elevated instance starts and taken back if it did not.
 */
import type { CommandResult } from '../../src-shared/commands.ts';
import type { IntegrationState, SystemIntegrationLike } from './shell-controller.ts';
import type { LaunchArgs, WindowsIntegration } from './windows-integration/windows-integration.ts';

export interface AppSystemIntegration extends SystemIntegrationLike {
  readonly launch: LaunchArgs;
  /** Opens Windows' own Task Manager when a start in its place did not come up (once). */
  fallbackToWindowsTaskManager(): Promise<CommandResult>;
  runOpenWindowsTaskManagerHelper(): Promise<CommandResult>;
  /** Opted in to "always start elevated" and this start isn't: runs the task. True: it started, quit. */
  relaunchViaTaskIfOptedIn(argv: readonly string[]): Promise<boolean>;
  /** See WindowsIntegration.enforceInstallSafety. */
  enforceInstallSafety(): Promise<string | null>;
}

/** Electron's single-instance lock (app.requestSingleInstanceLock / releaseSingleInstanceLock). */
export interface InstanceLock {
  release(): void;
  acquire(): boolean;
  /** Another instance took the lock while it was let go: this one must leave. */
  onLost(): void;
}

export function createSystemIntegration(windows: WindowsIntegration, lock: InstanceLock): AppSystemIntegration {
  /** Lets the lock go while `start` runs; takes it back when nothing was started. */
  const withLockReleased = async (start: () => Promise<CommandResult>): Promise<CommandResult> => {
    lock.release();
    const result = await start();
    if (!result.ok && !lock.acquire()) lock.onLost();
    return result;
  };
  return {
    launch: windows.launch,
    getState: async (): Promise<IntegrationState> => {
      const state = await windows.getState();
      return {
        isElevated: state.isElevated,
        canElevate: state.canElevate && state.supports.restartAsAdministrator,
        isStartElevatedEnabled: state.isStartElevatedEnabled,
        isStartAtLoginEnabled: state.isStartAtLoginEnabled,
        isReplaceTaskManagerEnabled: state.isReplaceTaskManagerEnabled,
        replaceTaskManagerOwner: state.replaceTaskManagerOwner,
        supports: { startElevated: state.supports.startElevated, startAtLogin: state.supports.startAtLogin, replaceTaskManager: state.supports.replaceTaskManager },
        problems: state.problems,
      };
    },
    restartAsAdministrator: () => withLockReleased(() => windows.restartAsAdministrator()),
    setStartElevated: (isOn) => windows.setStartElevated(isOn),
    setStartAtLogin: (isOn) => windows.setStartAtLogin(isOn),
    setReplaceTaskManager: (isOn) => windows.setReplaceTaskManager(isOn),
    openWindowsTaskManager: () => windows.openWindowsTaskManager(),
    fallbackToWindowsTaskManager: () => windows.fallbackToWindowsTaskManager(),
    runOpenWindowsTaskManagerHelper: () => windows.runOpenWindowsTaskManagerHelper(),
    enforceInstallSafety: () => windows.enforceInstallSafety(),
    relaunchViaTaskIfOptedIn: async (argv) => {
      if (!(await windows.shouldRelaunchViaTask(argv))) return false;
      return (await withLockReleased(() => windows.relaunchViaTask())).ok;
    },
  };
}
