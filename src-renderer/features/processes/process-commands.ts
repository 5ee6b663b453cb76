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
  | { priority: Priority }
  /** Windows 11's efficiency mode on or off, where the process reports it (`isEfficiencyMode` not null). */
  | { isEfficiencyMode: boolean };

export function actionLabel(action: ProcessAction): string {
  if (typeof action !== 'object') return strings.menu[action];
  return 'priority' in action ? `${strings.menu.setPriority}: ${strings.priorities[action.priority]}` : strings.menu.efficiencyMode;
}

/** Sends one action for one row; every result comes back as a value (never a throw). */
export function runAction(api: TaskManagerApi, action: ProcessAction, row: ProcessRow): Promise<CommandResult> {
  const target = { pid: row.pid, startTimeMs: row.startTimeMs };
  if (typeof action === 'object') {
    return 'priority' in action ? api.setPriority({ ...target, priority: action.priority }) : api.setEfficiencyMode({ ...target, enabled: action.isEfficiencyMode });
  }
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

/** An app ended whole (the Apps tab's End task): one `killApp` for all its members. */
export interface EndApp {
  id: string;
  name: string;
  members: readonly ProcessRow[];
}

export function endApp(api: TaskManagerApi, app: EndApp): Promise<CommandResult> {
  return api.killApp({ appId: app.id, members: app.members.map((m) => ({ pid: m.pid, startTimeMs: m.startTimeMs })) });
}

/**
 * What failed in a command's answer, in plain words: `<what>: <message>` for a refusal; for a
 * command over many processes (a tree, an app) that acted on some, one line per process it could
 * not act on, named from `rows` where it is one of them. Empty when everything was done.
 */
export function failureLines(result: CommandResult, what: string, rows: readonly ProcessRow[]): string[] {
  if (!result.ok) return [`${what}: ${result.message}`];
  if (!('failed' in result)) return [];
  const names = new Map(rows.map((r) => [r.pid, r.name]));
  return result.failed.map((f) => {
    const name = names.get(f.pid);
    return `${name === undefined ? `PID ${f.pid}` : `${name} (${f.pid})`}: ${f.message}`;
  });
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
