/**
 * Mapping of raw Linux scheduler and state values to the contract's words. Pure.
 */
import type { Priority, ProcessState } from '../../../src-shared/snapshot.ts';

/** `/proc/<pid>/stat` state letter → contract state. D (uninterruptible wait) is a kind of sleep. */
export function stateFromLinuxLetter(letter: string): ProcessState {
  switch (letter) {
    case 'R':
      return 'running';
    case 'S':
    case 'D':
    case 'W':
    case 'P':
      return 'sleeping';
    case 'T':
    case 't':
      return 'stopped';
    case 'Z':
    case 'X':
    case 'x':
      return 'zombie';
    case 'I':
      return 'idle';
    default:
      return 'unknown';
  }
}

/** Linux scheduling policies of `/proc/<pid>/stat` field 41. */
const SCHED_FIFO = 1;
const SCHED_RR = 2;
const SCHED_IDLE = 5;

/**
 * Nice value and policy → the Windows-style class the UI shows. The bands are centred on the
 * values `setPriority` uses (os.constants.priority: high −14, above normal −7, normal 0,
 * below normal 10, idle 19), so a class set by this app reads back as itself.
 */
export function priorityFromLinux(nice: number, policy: number): Priority {
  if (policy === SCHED_FIFO || policy === SCHED_RR) return 'realtime';
  if (policy === SCHED_IDLE) return 'idle';
  if (nice <= -11) return 'high';
  if (nice < 0) return 'aboveNormal';
  if (nice === 0) return 'normal';
  if (nice < 15) return 'belowNormal';
  return 'idle';
}
