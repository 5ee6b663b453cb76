/**
 * What the app takes from its own environment when it starts, decided so that nothing a
 * non-elevated process can set steers an elevated instance (issue #20). Pure.
 *
 * - The executable: what "Replace Task Manager" writes into the machine-wide IFEO value, what
 *   "Always start elevated" registers in the task and what "Restart as administrator" asks UAC to
 *   run. On Windows it is `process.execPath` and nothing else: an environment variable such as
 *   APPIMAGE can be set by any process of the user (HKCU\Environment) and would otherwise make an
 *   elevated instance register the attacker's program for every administrator's Ctrl+Shift+Esc.
 *   On Linux the AppImage's own path (APPIMAGE, set by its runtime) is what a start-at-login entry
 *   must name; that entry runs as the same user, so it grants nothing.
 * - The profile folder override (TASKMGR_USER_DATA_DIR): for tests and development builds only.
 */

export interface LaunchEnvironment {
  platform: NodeJS.Platform;
  /** process.execPath */
  execPath: string;
  isPackaged: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** This app's executable, as registered with the OS. */
export function executablePath(launch: LaunchEnvironment): string {
  if (launch.platform !== 'linux') return launch.execPath;
  const appImage = launch.env['APPIMAGE'];
  return appImage !== undefined && appImage.startsWith('/') ? appImage : launch.execPath;
}

/** The profile folder a test or development start asked for; a packaged build ignores it (null). */
export function userDataOverride(launch: LaunchEnvironment): string | null {
  if (launch.isPackaged) return null;
  const folder = launch.env['TASKMGR_USER_DATA_DIR'];
  return folder !== undefined && folder.trim() !== '' ? folder : null;
}
