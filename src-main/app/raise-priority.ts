/**
 * The app raises its own priority (main and collector) one step above normal, so that it stays
 * responsive when the machine is not — which is when a task manager is needed. Refusals (Linux
 * needs CAP_SYS_NICE for a negative nice value) are reported, not fatal.
 */
import os from 'node:os';

export type SetPriority = (pid: number, priority: number) => void;

/** Returns the pids whose priority could not be raised, with the OS's reason. */
export function raisePriority(pids: readonly number[], setPriority: SetPriority = os.setPriority): { pid: number; reason: string }[] {
  const refused: { pid: number; reason: string }[] = [];
  for (const pid of pids) {
    try {
      setPriority(pid, os.constants.priority.PRIORITY_ABOVE_NORMAL);
    } catch (error) {
      refused.push({ pid, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return refused;
}
