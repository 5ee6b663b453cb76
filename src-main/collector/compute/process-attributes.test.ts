import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Priority, ProcessState } from '../../../src-shared/snapshot.ts';
import { priorityFromLinux, stateFromLinuxLetter } from './process-attributes.ts';

describe('stateFromLinuxLetter', () => {
  it.each<[string, ProcessState]>([
    ['R', 'running'],
    ['S', 'sleeping'],
    ['D', 'sleeping'], // uninterruptible disk sleep
    ['W', 'sleeping'], // paging (2.6.0) / waking
    ['P', 'sleeping'], // parked
    ['T', 'stopped'], // SIGSTOP
    ['t', 'stopped'], // tracing stop (a debugger)
    ['Z', 'zombie'],
    ['X', 'zombie'], // dead
    ['x', 'zombie'],
    ['I', 'idle'], // idle kernel thread
    ['K', 'unknown'], // wakekill, 2.6.33–3.13 only
    ['?', 'unknown'],
    ['', 'unknown'],
  ])('%j → %s', (letter, state) => {
    expect(stateFromLinuxLetter(letter)).toBe(state);
  });
});

const SCHED_OTHER = 0;
const SCHED_FIFO = 1;
const SCHED_RR = 2;
const SCHED_BATCH = 3;
const SCHED_IDLE = 5;
const SCHED_DEADLINE = 6;

describe('priorityFromLinux', () => {
  it.each<[string, number, number, Priority]>([
    ['nice −20', -20, SCHED_OTHER, 'high'],
    ['nice −11 (edge of high)', -11, SCHED_OTHER, 'high'],
    ['nice −10', -10, SCHED_OTHER, 'aboveNormal'],
    ['nice −1', -1, SCHED_OTHER, 'aboveNormal'],
    ['nice 0', 0, SCHED_OTHER, 'normal'],
    ['nice 1', 1, SCHED_OTHER, 'belowNormal'],
    ['nice 14 (edge of below normal)', 14, SCHED_OTHER, 'belowNormal'],
    ['nice 15', 15, SCHED_OTHER, 'idle'],
    ['nice 19', 19, SCHED_OTHER, 'idle'],
    ['SCHED_FIFO (migration/0, nice field 0)', 0, SCHED_FIFO, 'realtime'],
    ['SCHED_RR with a positive nice', 10, SCHED_RR, 'realtime'],
    ['SCHED_IDLE at nice 0', 0, SCHED_IDLE, 'idle'],
    ['SCHED_BATCH follows its nice', 0, SCHED_BATCH, 'normal'],
    ['SCHED_BATCH at nice 10', 10, SCHED_BATCH, 'belowNormal'],
    ['SCHED_DEADLINE follows its nice', 0, SCHED_DEADLINE, 'normal'],
  ])('%s → %s', (_name, nice, policy, priority) => {
    expect(priorityFromLinux(nice, policy)).toBe(priority);
  });

  it.each<[string, number, Priority]>([
    ['PRIORITY_HIGHEST', os.constants.priority.PRIORITY_HIGHEST, 'high'],
    ['PRIORITY_HIGH', os.constants.priority.PRIORITY_HIGH, 'high'],
    ['PRIORITY_ABOVE_NORMAL', os.constants.priority.PRIORITY_ABOVE_NORMAL, 'aboveNormal'],
    ['PRIORITY_NORMAL', os.constants.priority.PRIORITY_NORMAL, 'normal'],
    ['PRIORITY_BELOW_NORMAL', os.constants.priority.PRIORITY_BELOW_NORMAL, 'belowNormal'],
    ['PRIORITY_LOW', os.constants.priority.PRIORITY_LOW, 'idle'],
  ])('a class set with os.setPriority(%s) reads back as itself', (_name, nice, priority) => {
    expect(priorityFromLinux(nice, SCHED_OTHER)).toBe(priority);
  });
});
