import { describe, expect, it } from 'vitest';
import type { App, ProcessRow } from '../../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { appColumns } from './app-columns.ts';
import { groupApps } from './app-groups.ts';
import { appKey, buildAppRows, categoryOfGroupKey, closedGroupKey, groupKey, memberKey } from './app-rows.ts';
import { searchApps } from './app-search.ts';
import { sortAppGroups } from './app-sort.ts';

const app = (id: string, category: App['category'], members: readonly ProcessRow[]): App => ({
  id,
  name: id,
  category,
  members: members.map((p) => ({ pid: p.pid, startTimeMs: p.startTimeMs })),
  isResponding: null,
});
const a = processRow({ pid: 10, name: 'firefox', cpuPercent: 3, memoryBytes: 1024 * 1024 });
const b = processRow({ pid: 11, name: 'firefox', cpuPercent: 1 });
const d = processRow({ pid: 20, name: 'sshd' });
const BY_CPU = { column: 'cpu', direction: 'descending' } as const;
/** Grouped, sorted by CPU and searched for `query`, as the tab does. */
const shown = (processes: ProcessRow[], apps: App[], query = '') => searchApps(sortAppGroups(groupApps(snapshot({ processes, apps })), BY_CPU), query);
const groups = shown([a, b, d], [app('firefox', 'app', [a, b]), app('sshd', 'background', [d])]);
const columns = appColumns({ cpuMode: 'machine', logicalCores: 4, totalMemoryBytes: 8 * 1024 ** 3, sort: BY_CPU });
const cell = (columnId: string, data: Parameters<(typeof columns)[number]['text']>[0]) => columns.find((c) => c.id === columnId)?.text(data);

describe('buildAppRows', () => {
  it('shows group headers (level 1, open) and apps (level 2, closed) by default; an app of one process has no expander', () => {
    const rows = buildAppRows(groups, new Set());
    expect(rows.map((r) => [r.key, r.level, r.hasChildren, r.isExpanded])).toEqual([
      [groupKey('app'), 1, true, true],
      [appKey('firefox'), 2, true, false],
      [groupKey('background'), 1, true, true],
      [appKey('sshd'), 2, false, false],
    ]);
  });

  it('never opens an app of one process, even when asked to', () => {
    const rows = buildAppRows(groups, new Set([appKey('sshd')]));
    expect(rows.at(-1)).toMatchObject({ key: appKey('sshd'), hasChildren: false, isExpanded: false });
    expect(rows).toHaveLength(4);
  });

  it('lists an opened app’s processes at level 3, busiest first', () => {
    const rows = buildAppRows(groups, new Set([appKey('firefox')]));
    expect(rows.slice(1, 4).map((r) => [r.key, r.level])).toEqual([
      [appKey('firefox'), 2],
      [memberKey('firefox', a), 3],
      [memberKey('firefox', b), 3],
    ]);
    expect(memberKey('firefox', a)).toBe('app:firefox/10:1700000000000');
  });

  it('hides a group’s apps when the user closed it', () => {
    const rows = buildAppRows(groups, new Set([closedGroupKey('app'), appKey('firefox')]));
    expect(rows.map((r) => r.key)).toEqual([groupKey('app'), groupKey('background'), appKey('sshd')]);
    expect(rows[0]?.isExpanded).toBe(false);
  });

  it('while searching: an app found by name shows as the user left it; one found by a process opens on the matches only', () => {
    const c = processRow({ pid: 12, name: 'firefox', commandLine: '/usr/lib/firefox -contentproc' });
    const found = shown([a, b, c, d], [app('firefox', 'app', [a, b, c]), app('sshd', 'background', [d])], 'contentproc');
    const rows = buildAppRows(found, new Set([closedGroupKey('app')]), true);
    expect(rows.map((r) => [r.key, r.isExpanded])).toEqual([
      [groupKey('app'), true], // a closed group opens while searching
      [appKey('firefox'), true],
      [memberKey('firefox', c), false],
    ]);
    const byName = buildAppRows(shown([a, b, d], [app('firefox', 'app', [a, b]), app('sshd', 'background', [d])], 'ssh'), new Set(), true);
    expect(byName.map((r) => r.key)).toEqual([groupKey('background'), appKey('sshd')]);
    expect(byName[0]?.data).toEqual({ kind: 'group', category: 'background', appCount: 1 });
  });

  it('knows a group key from any other key', () => {
    expect(categoryOfGroupKey('group:background', groups)).toBe('background');
    expect(categoryOfGroupKey('app:firefox', groups)).toBeNull();
    expect(categoryOfGroupKey('10:1700000000000', groups)).toBeNull();
  });
});

describe('appColumns', () => {
  const rows = buildAppRows(groups, new Set([appKey('firefox')]));
  const [header, firefox, member] = rows.map((r) => r.data);

  it('names the columns plainly', () => {
    expect(columns.map((c) => c.label)).toEqual(['Name', 'Status', 'CPU', 'Memory', 'Disk', 'GPU', 'Processes']);
  });

  it('shows a group header as "Apps (1)" with no figures', () => {
    if (!header) throw new Error('no header row');
    expect(columns.map((c) => c.text(header))).toEqual(['Apps (1)', '', '', '', '', '', '']);
  });

  it('shows an app’s sums, "—" for an unknown sum, and its process count, in its name too', () => {
    if (!firefox) throw new Error('no app row');
    expect(columns.map((c) => c.text(firefox))).toEqual(['firefox (2)', '', '4.0%', '1.0 MB', '—', '—', '2']);
  });

  it('names an app of 1,900 processes "sleep (1,900)", one of one process just by its name', () => {
    const sleeps = Array.from({ length: 1900 }, (_, i) => processRow({ pid: 100 + i, name: 'sleep' }));
    const found = shown([...sleeps, d], [app('sleep', 'background', sleeps), app('sshd', 'background', [d])]);
    const names = buildAppRows(found, new Set()).map((r) => cell('name', r.data));
    expect(names).toEqual(['Background processes (2)', 'sleep (1,900)', 'sshd']);
    const sleepRow = buildAppRows(found, new Set())[1];
    expect(sleepRow && cell('processes', sleepRow.data)).toBe('1,900');
  });

  it('marks the sorted column with its direction, the others with none', () => {
    const byName = appColumns({ cpuMode: 'machine', logicalCores: 4, totalMemoryBytes: 0, sort: { column: 'name', direction: 'ascending' } });
    expect(byName.map((c) => c.sortDirection)).toEqual(['ascending', null, null, null, null, null, null]);
    expect(columns.map((c) => c.sortDirection)).toEqual([null, null, 'descending', null, null, null, null]);
  });

  it('shows a process by name and PID', () => {
    if (!member) throw new Error('no member row');
    expect(cell('name', member)).toBe('firefox (PID 10)');
    expect(cell('cpu', member)).toBe('3.0%');
    expect(cell('processes', member)).toBe('');
  });

  it('multiplies CPU by the logical cores in per-core mode', () => {
    if (!firefox) throw new Error('no app row');
    const perCore = appColumns({ cpuMode: 'perCore', logicalCores: 4, totalMemoryBytes: 0, sort: BY_CPU });
    expect(perCore.find((c) => c.id === 'cpu')?.text(firefox)).toBe('16.0%');
  });

  it('shades CPU like the Processes table and never shades a header', () => {
    if (!firefox || !header) throw new Error('rows missing');
    const cpu = columns.find((c) => c.id === 'cpu');
    expect(cpu?.heat?.(firefox)).toBe(2); // 4% of the machine
    expect(columns.map((c) => c.heat?.(header) ?? 0)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('Status says "Not responding" for a hung app (Windows), blank for a responding or unknown one', () => {
    const hung = shown([a], [{ ...app('editor', 'app', [a]), isResponding: false }]);
    const fine = shown([a], [{ ...app('editor', 'app', [a]), isResponding: true }]);
    const [hungRow] = buildAppRows(hung, new Set()).filter((r) => r.data.kind === 'app');
    const [fineRow] = buildAppRows(fine, new Set()).filter((r) => r.data.kind === 'app');
    if (!hungRow || !fineRow || !firefox) throw new Error('rows missing');
    expect(cell('status', hungRow.data)).toBe('Not responding');
    expect(cell('status', fineRow.data)).toBe('');
    expect(cell('status', firefox)).toBe('');
  });

  it('Status shows a suspended process under its app, blank for a running one', () => {
    if (!member) throw new Error('no member row');
    expect(cell('status', member)).toBe('');
    expect(cell('status', { kind: 'member', process: processRow({ pid: 12, state: 'stopped' }) })).toBe('Suspended');
  });
});
