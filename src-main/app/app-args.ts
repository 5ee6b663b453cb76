/**
 * The app's own command-line flags, parsed from `process.argv` (or a second instance's argv).
 * Unknown arguments are ignored: Windows passes the replaced taskmgr.exe's path and arguments
 * after `--replaced-taskmgr` (IFEO), and Chromium adds switches of its own.
 */
export interface AppArgs {
  /** Exit 0 once the window has loaded and shown a snapshot, 1 after a timeout (CI smoke test). */
  isSmokeTest: boolean;
  /** Started by Windows in place of taskmgr.exe (Image File Execution Options). */
  isReplacingTaskManager: boolean;
  /** Started by the "always start elevated" scheduled task. */
  isFromTask: boolean;
  /** Start hidden in the tray (start at login). */
  isHidden: boolean;
}

export function parseAppArgs(argv: readonly string[]): AppArgs {
  const flags = new Set(argv.map((arg) => arg.toLowerCase()));
  return {
    isSmokeTest: flags.has('--smoke-test'),
    isReplacingTaskManager: flags.has('--replaced-taskmgr'),
    isFromTask: flags.has('--from-task'),
    isHidden: flags.has('--hidden'),
  };
}
