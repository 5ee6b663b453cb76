/**
 * How this instance was started, read from its argv. Pure.
 *
 * - `--from-task`: started by our scheduled task (logon, or a relaunch to get elevated). Such an
 *   instance never relaunches through the task again, even when it is not elevated (a user who
 *   lost admin rights would otherwise loop).
 * - `--replaced-taskmgr`: started by Windows in place of taskmgr.exe (the IFEO Debugger value,
 *   which ends with `--`). Windows starts "<Debugger value> <the original command line>", so argv
 *   continues with `--`, the original image (e.g. C:\WINDOWS\system32\taskmgr.exe) and its own
 *   switches (/4, /7, /0…), which are passed on when we fall back to the real Task Manager.
 * - `--open-windows-task-manager`: a short-lived elevated helper started by us (UAC prompt) only to
 *   open the real Task Manager past IFEO when this instance is not elevated; it opens no window.
 */

export const FROM_TASK_FLAG = '--from-task';
export const REPLACED_TASKMGR_FLAG = '--replaced-taskmgr';
export const OPEN_WINDOWS_TASK_MANAGER_FLAG = '--open-windows-task-manager';
/** Chromium's end of switches: nothing after it is read as a switch (base::CommandLine). */
export const SWITCH_TERMINATOR = '--';

/**
 * Every switch a packaged build accepts before the terminator: how Windows integration starts it,
 * the shell's own (app-args.ts), and `--updated`, which electron-builder's NSIS installer passes
 * when it starts the app after an update.
 */
const EXPECTED_SWITCHES: ReadonlySet<string> = new Set([FROM_TASK_FLAG, REPLACED_TASKMGR_FLAG, OPEN_WINDOWS_TASK_MANAGER_FLAG, '--smoke-test', '--hidden', '--updated']);

/**
 * The switches in `argv` (after argv[0], before `--`) that this app did not expect, by name. A
 * packaged build exits on any: the elevated app must not honour a Chromium switch such as
 * `--remote-debugging-port` or `--gpu-launcher` that a non-elevated caller put on its command line
 * (the fuses cover only Node's). On Windows Chromium reads `-x` and `/x` as switches too. Pure.
 */
export function unexpectedSwitches(argv: readonly string[]): string[] {
  const unexpected: string[] = [];
  for (const arg of switchesPart(argv)) {
    if (!/^(--|-|\/)/.test(arg)) continue;
    const name = arg.split('=')[0]?.toLowerCase() ?? arg;
    if (!EXPECTED_SWITCHES.has(name)) unexpected.push(name);
  }
  return unexpected;
}

/**
 * The arguments after argv[0] and before the terminator, as Chromium reads them: each trimmed of
 * Unicode white space first (base::CommandLine trims before it looks for `--` or a switch, while
 * process.argv keeps " --x" as it came), so a switch can't hide behind a leading space.
 */
function switchesPart(argv: readonly string[]): string[] {
  const trimmed = argv.slice(1).map((arg) => arg.replace(/^[\s\u0085]+|[\s\u0085]+$/g, ''));
  const end = trimmed.indexOf(SWITCH_TERMINATOR);
  return end === -1 ? trimmed : trimmed.slice(0, end);
}

export interface LaunchArgs {
  isFromTask: boolean;
  isReplacedTaskManager: boolean;
  isOpenWindowsTaskManagerHelper: boolean;
  /** The image Windows meant to start (after `--replaced-taskmgr`), or null. */
  replacedImagePath: string | null;
  /** The original image's arguments, in order (e.g. ['/4']). Empty when none or not replaced. */
  replacedImageArgs: string[];
}

export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  // Our flags count only before the terminator: what follows it is a caller's taskmgr command line.
  const ours = switchesPart(argv);
  const replacedAt = argv.indexOf(REPLACED_TASKMGR_FLAG, 1);
  let replacedImagePath: string | null = null;
  let replacedImageArgs: string[] = [];
  if (ours.includes(REPLACED_TASKMGR_FLAG)) {
    const after = argv.slice(replacedAt + 1);
    const imageAt = after.findIndex((arg) => /(^|[\\/])taskmgr(\.exe)?$/i.test(arg.trim()));
    if (imageAt !== -1) {
      replacedImagePath = after[imageAt]?.trim() ?? null;
      replacedImageArgs = after.slice(imageAt + 1).filter((arg) => arg.length > 0);
    }
  }
  return {
    isFromTask: ours.includes(FROM_TASK_FLAG),
    isReplacedTaskManager: ours.includes(REPLACED_TASKMGR_FLAG),
    isOpenWindowsTaskManagerHelper: ours.includes(OPEN_WINDOWS_TASK_MANAGER_FLAG),
    replacedImagePath,
    replacedImageArgs,
  };
}
