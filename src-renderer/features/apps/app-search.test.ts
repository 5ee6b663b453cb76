import { describe, expect, it } from 'vitest';
import type { App, ProcessRow } from '../../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { groupApps } from './app-groups.ts';
import { searchApps } from './app-search.ts';

const app = (id: string, name: string, members: readonly ProcessRow[], category: App['category'] = 'background'): App => ({
  id,
  name,
  category,
  members: members.map((p) => ({ pid: p.pid, startTimeMs: p.startTimeMs })),
  isResponding: null,
});
const code = processRow({ pid: 200, name: 'code' });
const shell = processRow({ pid: 201, name: 'bash', user: 'bob', commandLine: 'bash --login' });
const sleeps = [processRow({ pid: 300, name: 'sleep' }), processRow({ pid: 301, name: 'sleep' })];
const kworker = processRow({ pid: 2, name: 'kworker/0:1' });
const groups = groupApps(
  snapshot({
    processes: [code, shell, ...sleeps, kworker],
    apps: [app('scope:code', 'Visual Studio Code', [code, shell], 'app'), app('exe:sleep', 'sleep', sleeps), app('kernel', 'Kernel threads', [kworker], 'system')],
  }),
);
const found = (query: string) => searchApps(groups, query).map((g) => [g.category, g.apps.map((m) => [m.app.id, m.isByMember, m.members.map((p) => p.pid)])]);

describe('searchApps', () => {
  it.each<[string, string, unknown]>([
    ['no query: everything, all members', '', [
      ['app', [['scope:code', false, [200, 201]]]],
      ['background', [['exe:sleep', false, [300, 301]]]],
      ['system', [['kernel', false, [2]]]],
    ]],
    ['the app’s name, fuzzily ("vscode" finds "Visual Studio Code"): all its processes', 'vscode', [['app', [['scope:code', false, [200, 201]]]]]],
    ['a process’s name: the app, opened on that process', 'bash', [['app', [['scope:code', true, [201]]]]]],
    ['a process’s user', 'bob', [['app', [['scope:code', true, [201]]]]]],
    ['a PID prefix', '30', [['background', [['exe:sleep', true, [300, 301]]]]]],
    ['a command line', '--login', [['app', [['scope:code', true, [201]]]]]],
    ['the name wins over the members: "sleep" shows the sleep row as it is', 'sleep', [['background', [['exe:sleep', false, [300, 301]]]]]],
    ['nothing', 'zzz', []],
  ])('%s', (_name, query, expected) => {
    expect(found(query)).toEqual(expected);
  });
});
