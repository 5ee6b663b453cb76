/**
 * "Replace Task Manager": the Image File Execution Options `Debugger` value of taskmgr.exe.
 * When it is set, CreateProcess of taskmgr.exe (Ctrl+Shift+Esc, the taskbar menu, Ctrl+Alt+Del)
 * starts "<Debugger value> <the original command line>" instead — what Process Explorer and
 * System Informer do. Ours is `"<exe>" --replaced-taskmgr`; launch-args.ts reads what follows.
 *
 * The value lives under HKLM (writing it needs an elevated caller). We only ever remove our own
 * value: when the Debugger points to another program (Process Explorer, System Informer…) it is
 * left alone and the UI says so. Only the `Debugger` value is touched, never the key (it can hold
 * other settings, e.g. MitigationOptions). `/reg:64`: the 64-bit view, the one Windows reads for
 * the 64-bit taskmgr.exe, whatever the bitness of the caller.
 *
 * What can't fall back: if our exe is missing (deleted by hand, a broken update), Windows can't
 * start the Debugger and Task Manager does not open at all; nothing of ours runs to notice. The
 * uninstaller removes our value before it removes the files, and turning the option off removes it.
 */
import { type CommandOutput } from './command-runner.ts';
import { REPLACED_TASKMGR_FLAG, SWITCH_TERMINATOR } from './launch-args.ts';
import { isSameWindowsPath, splitProgram, type SystemPaths } from './windows-command-line.ts';
import type { ToolCommand } from './scheduled-task.ts';

export const IFEO_TASKMGR_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\taskmgr.exe';
export const DEBUGGER_VALUE = 'Debugger';

/**
 * The Debugger value we write: our exe, always quoted (Windows paths can't hold a quote, and an
 * exe path never ends with a backslash), our flag, then `--`. Windows appends the caller's command
 * line (any non-elevated program can start taskmgr.exe with arguments of its choosing) after the
 * value, and Chromium reads nothing after `--` as a switch, so `--remote-debugging-port`,
 * `--gpu-launcher` or `--renderer-cmd-prefix` there reach the elevated app as plain arguments;
 * `unexpectedSwitches` (launch-args.ts) refuses anything else. Pure.
 */
export function ourDebuggerValue(exePath: string): string {
  return `"${exePath}" ${REPLACED_TASKMGR_FLAG} ${SWITCH_TERMINATOR}`;
}

export function buildSetDebuggerCommand(paths: SystemPaths, exePath: string): ToolCommand {
  return {
    file: paths.reg,
    args: ['add', IFEO_TASKMGR_KEY, '/v', DEBUGGER_VALUE, '/t', 'REG_SZ', '/d', ourDebuggerValue(exePath), '/f', '/reg:64'],
  };
}

export function buildDeleteDebuggerCommand(paths: SystemPaths): ToolCommand {
  return { file: paths.reg, args: ['delete', IFEO_TASKMGR_KEY, '/v', DEBUGGER_VALUE, '/f', '/reg:64'] };
}

export function buildQueryDebuggerCommand(paths: SystemPaths): ToolCommand {
  return { file: paths.reg, args: ['query', IFEO_TASKMGR_KEY, '/v', DEBUGGER_VALUE, '/reg:64'] };
}

export type DebuggerQuery =
  | { kind: 'absent' }
  | { kind: 'present'; value: string }
  /** reg.exe answered something we can't read; `message` is its own words. */
  | { kind: 'unknown'; message: string };

/**
 * Reads `reg query <key> /v Debugger` output. reg prints the key, then one line per value:
 * four spaces, the name, four spaces, the type, four spaces, the data (nothing after the type when
 * the data is empty). Exit code 1 is "no such key or value" (reg's only failure for a key that
 * every user may read; its wording is localised, so the code is what counts). Pure.
 */
export function parseDebuggerQuery(output: CommandOutput): DebuggerQuery {
  if (output.exitCode === 1 && !/access is denied/i.test(output.stderr)) return { kind: 'absent' };
  if (output.exitCode !== 0) return { kind: 'unknown', message: (output.stderr || output.stdout).trim() || `reg.exe exited with code ${output.exitCode}` };
  for (const line of output.stdout.split(/\r?\n/)) {
    const match = /^\s+(\S(?:.*?\S)?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (!match || match[1]?.toLowerCase() !== DEBUGGER_VALUE.toLowerCase()) continue;
    if (match[2] !== 'REG_SZ' && match[2] !== 'REG_EXPAND_SZ') return { kind: 'unknown', message: `the Debugger value has type ${match[2]}` };
    const value = (match[3] ?? '').trim();
    return value === '' ? { kind: 'absent' } : { kind: 'present', value };
  }
  return { kind: 'absent' };
}

export type DebuggerOwner = 'this-app' | 'other' | null;

/** Whose replacement a Debugger value is: ours when its program is our exe (any case, any quoting). Pure. */
export function debuggerOwner(query: DebuggerQuery, exePath: string): DebuggerOwner {
  if (query.kind !== 'present') return null;
  return isSameWindowsPath(splitProgram(query.value).program, exePath) ? 'this-app' : 'other';
}
