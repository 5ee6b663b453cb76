/**
 * The process commands the table's keys and menu send, as one list: what each item is called,
 * which command it sends for a row. Pure; the UI calls the API with the result.
 */
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { CommandResult } from '../../../src-shared/commands.ts';
import type { Priority, ProcessRow } from '../../../src-shared/snapshot.ts';
import { strings } from '../../strings.ts';

export type ProcessAction = 'endTask' | 'endTree' | 'suspend' | 'resume' | { priority: Priority };

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
  }
}
