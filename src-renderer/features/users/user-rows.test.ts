import { describe, expect, it } from 'vitest';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import type { UserRow } from '../../../src-shared/users.ts';
import { gridColumns } from '../../components/table-model.ts';
import { userColumns } from './user-columns.ts';
import { buildUserRows, userKey } from './user-rows.ts';

const editor = processRow({ pid: 10, name: 'editor', user: 'alice', cpuPercent: 3, memoryBytes: 300 });
const shell = processRow({ pid: 11, name: 'bash', user: 'alice', cpuPercent: 1, memoryBytes: 100 });
const daemon = processRow({ pid: 20, name: 'sshd', user: 'root', cpuPercent: 0.5, memoryBytes: 50 });
const hidden = processRow({ pid: 30, name: 'secret', user: null });
const processes = [editor, shell, daemon, hidden];

function user(name: string | null, members: typeof processes, cpuPercent: number | null): UserRow {
  return {
    user: name,
    processCount: members.length,
    cpuPercent,
    memoryBytes: null,
    diskBytesPerSec: null,
    networkBytesPerSec: null,
    gpuPercent: null,
    members: members.map((p) => ({ pid: p.pid, startTimeMs: p.startTimeMs })),
    sessions: [],
  };
}
const users = [user('alice', [editor, shell], 4), user('root', [daemon], 0.5), user(null, [hidden], null), user('bob', [], null)];
const columns = userColumns({ cpuMode: 'machine', logicalCores: 4 });
const build = (overrides: Partial<Parameters<typeof buildUserRows>[0]> = {}) =>
  buildUserRows({ users, processes, expanded: new Set(), search: '', columns, sort: { column: 'cpu', direction: 'descending' }, ...overrides }).map((r) => [
    r.level,
    columns[0]?.text(r.data),
    r.hasChildren,
    r.isExpanded,
  ]);

describe('buildUserRows', () => {
  it('one row per user by CPU, most first, unknown figures last; Unknown named so; a user without processes has no children', () => {
    expect(build()).toEqual([
      [1, 'alice (2)', true, false],
      [1, 'root (1)', true, false],
      [1, 'bob (0)', false, false],
      [1, 'Unknown (1)', true, false],
    ]);
  });

  it('an opened user lists its processes under it, sorted by the same column', () => {
    expect(build({ expanded: new Set([userKey('alice')]) })).toEqual([
      [1, 'alice (2)', true, true],
      [2, 'editor (PID 10)', false, false],
      [2, 'bash (PID 11)', false, false],
      [1, 'root (1)', true, false],
      [1, 'bob (0)', false, false],
      [1, 'Unknown (1)', true, false],
    ]);
    expect(build({ expanded: new Set([userKey('alice')]), sort: { column: 'user', direction: 'ascending' } }).slice(0, 3)).toEqual([
      [1, 'alice (2)', true, true],
      [2, 'bash (PID 11)', false, false],
      [2, 'editor (PID 10)', false, false],
    ]);
  });

  it('the Unknown row has a key no account name can take', () => {
    expect(userKey(null)).not.toBe(userKey('unknown'));
    expect(userKey(null)).not.toBe(userKey(''));
  });

  it('a search by user keeps the user and all its processes; by a process, the process under its user, opened', () => {
    expect(build({ search: 'ROO' })).toEqual([[1, 'root (1)', true, false]]);
    expect(build({ search: 'bash' })).toEqual([
      [1, 'alice (2)', true, true],
      [2, 'bash (PID 11)', false, false],
    ]);
    expect(build({ search: '30' })).toEqual([
      [1, 'Unknown (1)', true, true],
      [2, 'secret (PID 30)', false, false],
    ]);
    expect(build({ search: 'nobody here' })).toEqual([]);
  });

  it('a member the snapshot no longer holds is left out', () => {
    expect(build({ processes: [shell, daemon, hidden], expanded: new Set([userKey('alice')]) }).slice(0, 2)).toEqual([
      [1, 'alice (2)', true, true],
      [2, 'bash (PID 11)', false, false],
    ]);
  });
});

describe('userColumns', () => {
  it('formats like the Processes tab, per core when asked, and marks the sorted column', () => {
    const perCore = userColumns({ cpuMode: 'perCore', logicalCores: 4 });
    const row = { kind: 'user' as const, user: { ...user('alice', [editor, shell], 4), memoryBytes: 1536, sessions: [{ id: 'c2', user: 'alice', state: 'active' as const, clientName: null, station: 'seat0', loginAtMs: null }] } };
    expect(perCore.map((c) => c.text(row))).toEqual(['alice (2)', 'Active', '16.0%', '1.5 KB', '—', '—', '—']);
    expect(gridColumns(perCore, { column: 'memory', direction: 'descending' }).map((c) => c.sortDirection)).toEqual([null, null, null, 'descending', null, null, null]);
  });
});
