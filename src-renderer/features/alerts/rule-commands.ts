/**
 * Saving, arming and deleting a rule, and keeping a process a rule suspended, through the API, a transport failure made a value like the
 * host's refusals (CONTROL_DISABLED over a view-only host, INVALID_ARGUMENT naming the field), so
 * the panel says each in plain words.
 */
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { Alert, Rule } from '../../../src-shared/alerts.ts';
import type { CommandResult } from '../../../src-shared/results.ts';

async function settled(call: () => Promise<CommandResult>): Promise<CommandResult> {
  try {
    return await call();
  } catch (error) {
    return { ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
  }
}

export const saveRule = (api: Pick<TaskManagerApi, 'putRule'>, rule: Rule) => settled(() => api.putRule({ rule }));
export const deleteRule = (api: Pick<TaskManagerApi, 'deleteRule'>, id: string) => settled(() => api.deleteRule({ id }));

/** Keeps each process the alert's rule suspended (`outcome` done) suspended past SUSPEND_EXPIRY_MS: the first refusal, or success. */
export async function keepSuspended(api: Pick<TaskManagerApi, 'keepSuspended'>, alert: Alert): Promise<CommandResult> {
  for (const target of suspendedBy(alert)) {
    const result = await settled(() => api.keepSuspended({ alertId: alert.id, pid: target.pid, startTimeMs: target.startTimeMs }));
    if (!result.ok) return result;
  }
  return { ok: true };
}

/** The processes an alert's actions suspended. */
export const suspendedBy = (alert: Alert) => alert.actions.filter((o) => o.action.type === 'suspend' && o.outcome === 'done').map((o) => o.target);
