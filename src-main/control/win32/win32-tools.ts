/**
 * The Windows actions beyond signalling a process, each on a path main found itself, never on one
 * the page gave: Open file location (`explorer.exe /select,"…"`, no shell string), Properties
 * (ShellExecuteEx "properties"), Create dump file (MiniDumpWriteDump into a new file), Run new task
 * (ShellExecuteEx, "runas" for administrator) and Restart Windows Explorer. The process-bound ones
 * go through `WindowsControl`'s identity-checked handles.
 */
import path from 'node:path';
import { failure, type CommandResult, type Failure } from '../../../src-shared/commands.ts';
import type { ProcessIdentity, Snapshot } from '../../../src-shared/snapshot.ts';
import { AUTO_RESTART_WAIT_MS, restartExplorer } from './restart-explorer.ts';
import { explorerSelectArgument, splitCommandLine } from './shell-arguments.ts';
import type { Win32Api, Win32Result } from './win32-api.ts';
import type { WindowsControl } from './win32-control.ts';
import { failureFromWin32Error, win32ErrorOfHResult } from './win32-errors.ts';
import { DUMP_TYPE } from './win32-values.ts';

/** SEE_MASK_* and SW_* values (shellapi.h, winuser.h). */
const SEE_MASK_INVOKEIDLIST = 0x0000_000c;
const SEE_MASK_NOASYNC = 0x0000_0100;
const SEE_MASK_FLAG_NO_UI = 0x0000_0400;
const SW_SHOWNORMAL = 1;
const SW_SHOW = 5;
/** What a failed dump says of its file when it was removed. */
const UNFINISHED_REMOVED = 'the unfinished file was removed';
/** How long an ended Windows Explorer gets to exit before Restart gives up. */
const EXPLORER_EXIT_TIMEOUT_MS = 5_000;

export interface WindowsToolsOptions {
  api(): Win32Api;
  control: WindowsControl;
  /** The latest snapshot: Windows Explorer's processes are looked up in it. */
  latest(): Snapshot | null;
  /** Starts `file` with `args`, no shell; answers once it has started or failed to. */
  launch(file: string, args: readonly string[], options: { isVerbatim: boolean }): Promise<CommandResult>;
  isDirectory(path: string): boolean;
  /** The first folder on `path` (from its drive down) that is a symbolic link or junction, or null. */
  linkOnPath(path: string): string | null;
  removeFile(path: string): void;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** %SystemRoot%, e.g. C:\Windows: where explorer.exe is. */
  /** This process's pid: Restart Windows Explorer ends only the Explorer of its session. */
  selfPid: number;
}

export class WindowsTools {
  private readonly options: WindowsToolsOptions;
  private dumpQueue: Promise<unknown> = Promise.resolve();

  constructor(options: WindowsToolsOptions) {
    this.options = options;
  }

  private get api(): Win32Api {
    return this.options.api();
  }

  /** File Explorer, with the process's executable selected. */
  async openFileLocation(target: ProcessIdentity): Promise<CommandResult> {
    const what = 'Opening the file location';
    const found = this.imagePathOf(target, what);
    if (!found.ok) return found;
    if (explorerSelectArgument(found.imagePath) === null) return failure('UNSUPPORTED', `${what}: this process has no file of its own to show (it is a part of Windows)`);
    return showInExplorer(this.api, this.options.launch, found.imagePath, what);
  }

  /** The shell's Properties dialog of the process's executable. */
  openProperties(target: ProcessIdentity): CommandResult {
    const what = 'Opening the properties';
    const found = this.imagePathOf(target, what);
    if (!found.ok) return found;
    if (explorerSelectArgument(found.imagePath) === null) return failure('UNSUPPORTED', `${what}: this process has no file of its own (it is a part of Windows)`);
    return showProperties(this.api, found.imagePath, what);
  }

  /**
   * A full dump of the process to `filePath`, created new (CREATE_NEW: an existing file is never
   * overwritten); a dump that fails leaves no partial file. One dump at a time (dbghelp is single
   * threaded), written off the main thread.
   */
  createDumpFile(target: ProcessIdentity, filePath: string): Promise<CommandResult> {
    const run = this.dumpQueue.then(() => this.dumpNow(target, filePath));
    this.dumpQueue = run.catch(() => undefined);
    return run;
  }

  /** Run new task: ShellExecuteEx of the command line (verb `runas` for administrator: UAC asks). */
  runNewTask(commandLine: string, isElevated: boolean): CommandResult {
    const what = isElevated ? 'Running the task as administrator' : 'Running the task';
    const split = splitCommandLine(commandLine);
    if (split === null) return failure('INVALID_ARGUMENT', `${what}: type the name of a program, folder, document or website`);
    const started = this.api.shellExecute({
      verb: isElevated ? 'runas' : null,
      file: split.file,
      parameters: split.parameters,
      mask: SEE_MASK_NOASYNC | SEE_MASK_FLAG_NO_UI,
      show: SW_SHOWNORMAL,
    });
    return started.ok ? { ok: true } : failureFromWin32Error(started.error, what, 'shell');
  }

  /** Ends this session's Windows Explorer (identity-checked) and makes sure the shell comes back. */
  restartExplorer(): Promise<CommandResult> {
    const what = 'Restarting Windows Explorer';
    const candidates = (this.options.latest()?.processes ?? [])
      .filter((p) => p.name.toLowerCase() === 'explorer.exe')
      .map((p) => ({ pid: p.pid, startTimeMs: p.startTimeMs }));
    const ownSession = this.api.sessionIdOf(this.options.selfPid);
    return restartExplorer(
      {
        candidates,
        endIfShell: (target) => this.endIfShell(target, ownSession.ok ? ownSession.value : null, what),
        hasShell: () => this.api.hasShellTray(),
        startExplorer: () => this.options.launch(this.explorerPath(), [], { isVerbatim: false }),
        sleep: (ms) => this.options.sleep(ms),
        now: () => this.options.now(),
      },
      { autoRestartWaitMs: AUTO_RESTART_WAIT_MS },
    );
  }

  /** Ends `target` and waits for its exit if it is %SystemRoot%\explorer.exe in this session. */
  private async endIfShell(target: ProcessIdentity, ownSession: number | null, what: string): Promise<'ended' | 'skipped' | Failure> {
    const { control } = this.options;
    const opened = control.open(target, 'terminate', what, {});
    if (!('handle' in opened)) return opened;
    try {
      const session = this.api.sessionIdOf(target.pid);
      const isThisSession = ownSession !== null && session.ok && session.value === ownSession;
      if (!isThisSession || opened.imagePath?.toLowerCase() !== this.explorerPath().toLowerCase()) return 'skipped';
      const ended = control.terminateHandle(opened.handle, what);
      if (!ended.ok) return ended;
      const deadline = this.options.now() + EXPLORER_EXIT_TIMEOUT_MS;
      while (!control.hasExited(opened.handle)) {
        if (this.options.now() >= deadline) return failure('INTERNAL', `${what}: Windows Explorer did not exit within 5 s`);
        await this.options.sleep(50);
      }
      return 'ended';
    } finally {
      this.api.closeHandle(opened.handle);
    }
  }

  private async dumpNow(target: ProcessIdentity, filePath: string): Promise<CommandResult> {
    const what = 'Creating the dump file';
    const folder = path.win32.dirname(filePath);
    // The folder is checked before the process: INVALID_ARGUMENT comes first.
    if (!this.options.isDirectory(folder)) return failure('INVALID_ARGUMENT', `${what}: the folder ${folder} does not exist`);
    // An elevated create must not follow a link that another program placed (or can swap in).
    const link = this.options.linkOnPath(folder);
    if (link !== null) return failure('INVALID_ARGUMENT', `${what}: ${link} is a link or junction to another folder; choose a folder that is not one`);
    const opened = this.options.control.open(target, 'dump', what, {});
    if (!('handle' in opened)) return opened;
    try {
      const file = this.api.createNewFile(filePath);
      if (!file.ok) return failureFromWin32Error(file.error, what, 'file');
      // A folder swapped for a junction after the check: the file is elsewhere. Removed, nothing written.
      const landed = this.api.finalPath(file.value);
      if (!landed.ok || !isSameFile(landed.value, filePath)) {
        const removed = this.api.deleteOnClose(file.value);
        this.api.closeHandle(file.value);
        const where = landed.ok ? ` (it was created as ${landed.value.replace(/^\\\\\?\\/, '')})` : '';
        return failure('INVALID_ARGUMENT', `${what}: the folder led somewhere else while the file was made${where}; ${removed.ok ? 'it was removed and nothing was written' : 'nothing was written into it'}`);
      }
      let written: Win32Result<void> | { ok: false; thrown: unknown };
      try {
        written = await this.api.writeDump(opened.handle, target.pid, file.value, DUMP_TYPE);
      } catch (thrown) {
        // dbghelp.dll or the dump thread could not be loaded: the dump was never tried.
        written = { ok: false, thrown };
      } finally {
        this.api.closeHandle(file.value);
      }
      if (written.ok) return { ok: true };
      const removal = this.removeUnfinished(filePath);
      if ('thrown' in written) {
        const reason = written.thrown instanceof Error ? written.thrown.message : String(written.thrown);
        return failure('INTERNAL', `${what}: Windows' dump writer could not be started (${reason}); ${removal}`);
      }
      const failed = failureFromWin32Error(win32ErrorOfHResult(written.error), what, 'act');
      return removal === UNFINISHED_REMOVED ? failed : { ...failed, message: `${failed.message}; ${removal}` };
    } finally {
      this.api.closeHandle(opened.handle);
    }
  }

  /** Removes the file of a dump that failed; says what became of it. */
  private removeUnfinished(filePath: string): string {
    try {
      this.options.removeFile(filePath);
      return UNFINISHED_REMOVED;
    } catch (error) {
      return `the unfinished file ${filePath} could not be removed (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  private explorerPath(): string {
    return explorerPathOf(this.api);
  }

  private imagePathOf(target: ProcessIdentity, what: string): { ok: true; imagePath: string } | Failure {
    const opened = this.options.control.open(target, 'inspect', what, { isReadOnly: true });
    if (!('handle' in opened)) return opened;
    this.api.closeHandle(opened.handle);
    if (opened.imagePath === null) return failure('UNSUPPORTED', `${what}: Windows gives no file for this process (it is a part of Windows)`);
    return { ok: true, imagePath: opened.imagePath };
  }
}

/** %SystemRoot%\explorer.exe, from GetSystemWindowsDirectoryW (never the environment). */
function explorerPathOf(api: Pick<Win32Api, 'systemWindowsDirectory'>): string {
  return path.win32.join(api.systemWindowsDirectory(), 'explorer.exe');
}

/**
 * File Explorer with `filePath` selected (`explorer.exe /select,"…"`, no shell string). UNSUPPORTED
 * for a path that can't be one (relative, or with a character Windows forbids). Shared by Processes'
 * and Startup apps' Open file location.
 */
export function showInExplorer(api: Pick<Win32Api, 'systemWindowsDirectory'>, launch: WindowsToolsOptions['launch'], filePath: string, what: string): Promise<CommandResult> {
  const argument = explorerSelectArgument(filePath);
  if (argument === null) return Promise.resolve(failure('UNSUPPORTED', `${what}: ${filePath} is not a full path to a file`));
  return launch(explorerPathOf(api), [argument], { isVerbatim: true });
}

/** The shell's Properties dialog of `filePath` (ShellExecuteEx, verb "properties"). Shared as `showInExplorer`. */
export function showProperties(api: Pick<Win32Api, 'shellExecute'>, filePath: string, what: string): CommandResult {
  if (explorerSelectArgument(filePath) === null) return failure('UNSUPPORTED', `${what}: ${filePath} is not a full path to a file`);
  const shown = api.shellExecute({ verb: 'properties', file: filePath, parameters: null, mask: SEE_MASK_INVOKEIDLIST | SEE_MASK_FLAG_NO_UI, show: SW_SHOW });
  return shown.ok ? { ok: true } : failureFromWin32Error(shown.error, what, 'shell');
}

/** Whether GetFinalPathNameByHandleW's answer (`\\?\C:\…`) names `requested`: no link was followed. */
function isSameFile(finalPath: string, requested: string): boolean {
  const key = (p: string) => path.win32.normalize(p.replace(/^\\\\\?\\/, '')).toLowerCase();
  return key(finalPath) === key(requested);
}
