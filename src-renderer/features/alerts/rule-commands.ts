/**
 * Saving, arming and deleting a rule through the API, a transport failure made a value like the
 * host's refusals (CONTROL_DISABLED over a view-only host, INVALID_ARGUMENT naming the field), so
 * the panel says each in plain words.
 */
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import type { Rule } from '../../../src-shared/alerts.ts';
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
