import { describe, expect, it } from 'vitest';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import { endWording, type EndRequest } from './confirm-wording.ts';

const sleeps = (count: number) => Array.from({ length: count }, (_, i) => processRow({ pid: 100 + i, name: 'sleep' }));
const request = (overrides: Partial<EndRequest>): EndRequest => ({ kind: 'endTask', targets: sleeps(1), descendants: 0, isSystem: false, ...overrides });

describe('endWording', () => {
  it.each<[string, Partial<EndRequest>, { title: string; listHeading: string | null; listed: number; more: string | null; loss: string }]>([
    [
      'one process: named in the title, "this process"',
      {},
      { title: 'End sleep (PID 100)?', listHeading: null, listed: 0, more: null, loss: 'Work not saved in this process will be lost.' },
    ],
    [
      'two processes: plural, both listed, nothing more',
      { targets: sleeps(2) },
      { title: 'End 2 processes?', listHeading: 'This ends 2 processes:', listed: 2, more: null, loss: 'Work not saved in any of them will be lost.' },
    ],
    [
      '1,901 processes: counts with a separator, five listed, the rest counted',
      { targets: sleeps(1901) },
      { title: 'End 1,901 processes?', listHeading: 'This ends 1,901 processes:', listed: 5, more: 'and 1,896 more', loss: 'Work not saved in any of them will be lost.' },
    ],
    [
      'one app of 30 processes: the app’s name, then how many',
      { targets: sleeps(30), apps: [{ id: 'exe:/usr/bin/sleep', name: 'sleep', members: sleeps(30) }] },
      { title: 'End sleep?', listHeading: 'This ends 30 processes:', listed: 5, more: 'and 25 more', loss: 'Work not saved in any of them will be lost.' },
    ],
    [
      'one app of one process: the process, as when it is chosen on its own',
      { targets: sleeps(1), apps: [{ id: 'exe:/usr/bin/sleep', name: 'sleep', members: sleeps(1) }] },
      { title: 'End sleep (PID 100)?', listHeading: null, listed: 0, more: null, loss: 'Work not saved in this process will be lost.' },
    ],
    [
      'an app and a process of another: a count, not the app’s name',
      { targets: [...sleeps(3), processRow({ pid: 9, name: 'bash' })], apps: [{ id: 'a', name: 'sleep', members: sleeps(3) }] },
      { title: 'End 4 processes?', listHeading: 'This ends 4 processes:', listed: 4, more: null, loss: 'Work not saved in any of them will be lost.' },
    ],
    [
      'a tree of one process with 1 descendant: "it", singular',
      { kind: 'endTree', descendants: 1 },
      {
        title: 'End sleep (PID 100) and every process it started?',
        listHeading: null,
        listed: 0,
        more: null,
        loss: 'This also ends the 1 process it started. Work not saved in any of them will be lost.',
      },
    ],
    [
      'trees of three processes with 1,200 descendants: "they", separator',
      { kind: 'endTree', targets: sleeps(3), descendants: 1200 },
      {
        title: 'End 3 processes and every process they started?',
        listHeading: 'This ends 3 processes:',
        listed: 3,
        more: null,
        loss: 'This also ends the 1,200 processes they started. Work not saved in any of them will be lost.',
      },
    ],
    [
      'a tree with no descendants says nothing of "0 processes"',
      { kind: 'endTree', descendants: 0 },
      { title: 'End sleep (PID 100) and every process it started?', listHeading: null, listed: 0, more: null, loss: 'Work not saved in this process will be lost.' },
    ],
  ])('%s', (_name, overrides, expected) => {
    const wording = endWording(request(overrides));
    expect({ ...wording, listed: wording.listed.length }).toEqual(expected);
  });

  it.each([
    ['one process', {}, 'End sleep (PID 100) on build-server?'],
    ['a tree', { kind: 'endTree', descendants: 2 }, 'End sleep (PID 100) on build-server and every process it started?'],
    ['many processes', { targets: sleeps(3) }, 'End 3 processes on build-server?'],
  ] as const)('names the machine shown when it is not this computer: %s', (_name, overrides, title) => {
    expect(endWording(request(overrides), 'build-server').title).toBe(title);
    expect(endWording(request(overrides), null).title).not.toContain('build-server');
  });

  it('lists the first processes by name and PID, in the order given', () => {
    expect(endWording(request({ targets: sleeps(7) })).listed).toEqual([
      'sleep (PID 100)',
      'sleep (PID 101)',
      'sleep (PID 102)',
      'sleep (PID 103)',
      'sleep (PID 104)',
    ]);
  });
});
