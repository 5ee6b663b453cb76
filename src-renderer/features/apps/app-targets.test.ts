import { describe, expect, it } from 'vitest';
import type { App, ProcessRow } from '../../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { groupApps } from './app-groups.ts';
import { appKey, buildAppRows, groupKey, memberKey } from './app-rows.ts';
import { searchApps } from './app-search.ts';
import { appsTargets } from './app-targets.ts';

const T = 1_700_000_000_000;
const app = (id: string, members: readonly ProcessRow[]): App => ({
  id,
  name: id,
  category: 'background',
  members: members.map((p) => ({ pid: p.pid, startTimeMs: p.startTimeMs })),
  isResponding: null,
});
const sh = processRow({ pid: 10, ppid: 1, name: 'sh', startTimeMs: T });
const sleepA = processRow({ pid: 11, ppid: 10, name: 'sleep', startTimeMs: T + 1 });
const sleepB = processRow({ pid: 12, ppid: 10, name: 'sleep', startTimeMs: T + 2 });
const shChild = processRow({ pid: 13, ppid: 10, name: 'sh', startTimeMs: T + 3 });
const lone = processRow({ pid: 20, ppid: 1, name: 'lone', startTimeMs: T });
const groups = searchApps(groupApps(snapshot({ processes: [sh, sleepA, sleepB, shChild, lone], apps: [app('sh', [sh, shChild]), app('sleep', [sleepA, sleepB]), app('lone', [lone])] })), '');
const rows = buildAppRows(groups, new Set([appKey('sleep'), appKey('sh')]));
const pids = (list: readonly ProcessRow[]) => list.map((p) => p.pid);

describe('appsTargets', () => {
  it('an app row is the whole app; its roots are the members whose parent is not chosen', () => {
    const t = appsTargets(rows, new Set([appKey('sh')]), null);
    expect(t.apps.map((a) => a.id)).toEqual(['sh']);
    expect(pids(t.processes)).toEqual([]);
    expect(pids(t.all)).toEqual([10, 13]);
    expect(pids(t.roots)).toEqual([10]); // 13 is 10's child: its tree is in 10's
  });

  it('a process row is that process; under a chosen app it is not counted twice', () => {
    const t = appsTargets(rows, new Set([memberKey('sleep', sleepA), appKey('sh'), memberKey('sh', shChild)]), null);
    expect(t.apps.map((a) => a.id)).toEqual(['sh']);
    expect(pids(t.processes)).toEqual([11]);
    expect(pids(t.all)).toEqual([10, 13, 11]);
    expect(pids(t.roots)).toEqual([10]);
  });

  it('without a selection on screen, the focused row; a group header is nothing', () => {
    expect(pids(appsTargets(rows, new Set(['gone:key']), appKey('lone')).all)).toEqual([20]);
    expect(appsTargets(rows, new Set(), groupKey('background'))).toEqual({ apps: [], processes: [], all: [], roots: [] });
    expect(appsTargets(rows, new Set(), null).all).toEqual([]);
  });

  it('processes naming each other as parent (one clock tick) are all roots rather than none', () => {
    const a = processRow({ pid: 30, ppid: 31, startTimeMs: T });
    const b = processRow({ pid: 31, ppid: 30, startTimeMs: T });
    const cyc = buildAppRows(searchApps(groupApps(snapshot({ processes: [a, b], apps: [app('loop', [a, b])] })), ''), new Set());
    expect(pids(appsTargets(cyc, new Set([appKey('loop')]), null).roots)).toEqual([30, 31]);
  });
});
