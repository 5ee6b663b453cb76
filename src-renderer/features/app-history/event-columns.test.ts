import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../format.ts';
import { eventColumns, eventProcess } from './event-columns.ts';
import { historyEvent } from './usage-fixtures.ts';

describe('event columns', () => {
  it('shows a command with its time, kind, process and result', () => {
    const event = historyEvent({ kind: 'command', name: 'sleep', pid: 42, detail: 'kill: done' });
    expect(eventColumns().map((c) => c.text(event))).toEqual([formatDateTime(event.atMs), 'Command', 'sleep (PID 42)', 'kill: done']);
  });

  it.each([
    ['a gap names no process', historyEvent({ kind: 'gap', pid: null, startTimeMs: null, name: null, detail: 'no samples for 42 s' }), ''],
    ['a process whose name was not recorded shows its PID', historyEvent({ name: null, pid: 7 }), '7'],
    ['a name without a PID is the name', historyEvent({ name: 'x', pid: null }), 'x'],
  ])('%s', (_name, event, expected) => {
    expect(eventProcess(event)).toBe(expected);
  });
});
