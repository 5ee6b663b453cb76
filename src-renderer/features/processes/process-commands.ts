/**
 * The process commands the table's keys and menu send, as one list: what each item is called,
 * which command it sends for a row. Pure; the UI calls the API with the result.
 */
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { CommandResult } from '../../../src-shared/commands.ts';
import type { Priority, ProcessRow } from '../../../src-shared/snapshot.ts';
import { strings } from '../../strings.ts';

export type ProcessAction =
  | 'endTask'
  | 'endTree'
  | 'suspend'
  | 'resume'
  | 'openFileLocation'
  | 'openProperties'
  | 'restartExplorer'
  | { priority: Priority };

export function actionLabel(action: ProcessAction): string {
  return typeof action === 'object' ? `${strings.menu.setPriority}: ${strings.priorities[action.priority]}` : strings.menu[action];
}

/** Sends one action for one row; every result comes back as a value (never a throw). */
export function runAction(api: TaskManagerApi, action: ProcessAction, row: ProcessRow): Promise<CommandResult> {
  const target = { pid: row.pid, startTimeMs: row.startTimeMs };
  if (typeof action === 'object') return api.setPriority({ ...target, priority: action.priority });
  switch (action) {
    case 'endTask':
      return api.kill(target);
    case 'endTree':
      return api.killTree(target);
    case 'suspend':
      return api.suspend(target);
    case 'resume':
      return api.resume(target);
    case 'openFileLocation':
      return api.openFileLocation(target);
    case 'openProperties':
      return api.openProperties(target);
    case 'restartExplorer':
      // Main finds this session's Explorer itself (identity-checked); the row only offered the item.
      return api.restartExplorer({});
  }
}

/**
 * Whether the Windows-only tools (Open file location, Properties, Create dump file, Run new task,
 * Restart Windows Explorer) are offered: in the desktop app on Windows only. The platform is the
 * desktop shell's (`ShellState.platform`); a browser view of the headless host has none (null), and
 * the host refuses these commands anyway (`DESKTOP_ONLY_COMMANDS`).
 */
export function isWindowsToolsOffered(platform: string | null): boolean {
  return platform === 'win32';
}

/** Windows Explorer (the shell), which the menu offers to restart. */
export function isWindowsExplorer(row: ProcessRow): boolean {
  return row.name.toLowerCase() === 'explorer.exe';
}

/** The name a dump file of `row` is suggested under: the executable's name without `.exe`. */
export function dumpFileBaseName(row: ProcessRow): string {
  return row.name.replace(/\.exe$/i, '').replace(/[<>:"/\\|?*]/g, '_') || `pid-${row.pid}`;
}
