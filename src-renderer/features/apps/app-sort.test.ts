import { describe, expect, it } from 'vitest';
import type { App, ProcessRow } from '../../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import type { AppColumnId, SortDirection } from '../../store/settings.ts';
import { groupApps } from './app-groups.ts';
import { sortAppGroups } from './app-sort.ts';

const MB = 1024 * 1024;
const app = (id: string, name: string, members: readonly ProcessRow[], category: App['category'] = 'background', isResponding: boolean | null = null): App => ({
  id,
  name,
  category,
  members: members.map((p) => ({ pid: p.pid, startTimeMs: p.startTimeMs })),
  isResponding,
});

// Five apps: figures chosen so that every column gives a different order.
const busy = processRow({ pid: 1, name: 'zed', cpuPercent: 20, memoryBytes: 1 * MB, ioReadBytesPerSec: 10, gpuPercent: null });
const beta = processRow({ pid: 2, name: 'beta', cpuPercent: 5, memoryBytes: 50 * MB, ioReadBytesPerSec: null, gpuPercent: 3 });
const alpha1 = processRow({ pid: 3, name: 'alpha', cpuPercent: 2, memoryBytes: 9 * MB, ioWriteBytesPerSec: 500, gpuPercent: 1, state: 'stopped' });
const alpha2 = processRow({ pid: 4, name: 'alpha', cpuPercent: 3, memoryBytes: 1 * MB, gpuPercent: 0 });
const unknown = processRow({ pid: 5, name: 'Aardvark' });
const idle = processRow({ pid: 6, name: 'idle', cpuPercent: 0, memoryBytes: 2 * MB, ioReadBytesPerSec: 0 });
const hung = processRow({ pid: 7, name: 'editor', cpuPercent: 1 });
const processes = [busy, beta, alpha1, alpha2, unknown, idle, hung];
const apps = [
  app('busy', 'Zed', [busy]),
  app('beta', 'Beta', [beta]),
  app('alpha', 'alpha', [alpha1, alpha2]),
  app('unknown', 'Aardvark', [unknown]),
  app('idle', 'Idle', [idle]),
  app('editor', 'Editor', [hung], 'app', false),
];
const groups = groupApps(snapshot({ processes, apps }));
const order = (column: AppColumnId, direction: SortDirection) =>
  sortAppGroups(groups, { column, direction }).map((g) => [g.category, g.apps.map((a) => a.id)]);

describe('sortAppGroups', () => {
  it.each<[AppColumnId, SortDirection, string[]]>([
    ['cpu', 'descending', ['busy', 'alpha', 'beta', 'idle', 'unknown']], // alpha 2 + 3 = beta 5: by name
    ['cpu', 'ascending', ['idle', 'alpha', 'beta', 'busy', 'unknown']], // unknown last either way
    ['memory', 'descending', ['beta', 'alpha', 'idle', 'busy', 'unknown']],
    ['disk', 'descending', ['alpha', 'busy', 'idle', 'unknown', 'beta']], // unknown last, by name
    ['gpu', 'descending', ['beta', 'alpha', 'unknown', 'idle', 'busy']],
    ['name', 'ascending', ['unknown', 'alpha', 'beta', 'idle', 'busy']], // case-insensitive
    ['name', 'descending', ['busy', 'idle', 'beta', 'alpha', 'unknown']],
    ['processes', 'descending', ['alpha', 'unknown', 'beta', 'idle', 'busy']], // ties by name
  ])('by %s %s: %j within the group', (column, direction, expected) => {
    expect(order(column, direction)).toEqual([
      ['app', ['editor']],
      ['background', expected],
    ]);
  });

  it('keeps the groups in Task Manager’s order whatever the sort', () => {
    const withSystem = groupApps(snapshot({ processes, apps: [app('k', 'Kernel', [idle], 'system'), ...apps.slice(0, 5), apps[5] as App] }));
    expect(sortAppGroups(withSystem, { column: 'name', direction: 'descending' }).map((g) => g.category)).toEqual(['app', 'background', 'system']);
  });

  it('sorts an app’s processes by the same column', () => {
    const [, background] = sortAppGroups(groups, { column: 'cpu', direction: 'descending' });
    expect(background?.apps.find((a) => a.id === 'alpha')?.members.map((p) => p.pid)).toEqual([4, 3]);
    const [, byMemory] = sortAppGroups(groups, { column: 'memory', direction: 'descending' });
    expect(byMemory?.apps.find((a) => a.id === 'alpha')?.members.map((p) => p.pid)).toEqual([3, 4]);
  });

  it('sorts by status: "Not responding" and "Suspended" apart from the blank', () => {
    const hungToo = groupApps(snapshot({ processes, apps: [app('editor', 'Editor', [hung], 'app', false), app('ok', 'Ok', [idle], 'app', true)] }));
    expect(sortAppGroups(hungToo, { column: 'status', direction: 'descending' })[0]?.apps.map((a) => a.id)).toEqual(['editor', 'ok']);
    const [, background] = sortAppGroups(groups, { column: 'status', direction: 'descending' });
    expect(background?.apps.find((a) => a.id === 'alpha')?.members.map((p) => p.pid)).toEqual([3, 4]);
  });

  it('leaves its input alone', () => {
    const before = JSON.stringify(groups);
    sortAppGroups(groups, { column: 'name', direction: 'ascending' });
    expect(JSON.stringify(groups)).toBe(before);
  });
});
