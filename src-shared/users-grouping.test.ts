import { describe, expect, it } from 'vitest';
import { FIXTURE_TIME_MS, processRow } from './testing/fixtures.ts';
import type { ProcessRow } from './snapshot.ts';
import { groupProcessesByUser } from './users-grouping.ts';
import type { UserRow, UserSession } from './users.ts';

const session = (overrides: Partial<UserSession> = {}): UserSession => ({
  id: '1',
  user: 'alice',
  state: 'active',
  clientName: null,
  station: null,
  loginAtMs: null,
  ...overrides,
});

/** A process with every figure known, so a test changes only the ones it is about. */
const known = (pid: number, user: string | null, overrides: Partial<ProcessRow> = {}): ProcessRow =>
  processRow({
    pid,
    user,
    cpuPercent: 1,
    memoryBytes: 100,
    ioReadBytesPerSec: 10,
    ioWriteBytesPerSec: 5,
    netRxBytesPerSec: 3,
    netTxBytesPerSec: 2,
    gpuPercent: 0.5,
    ...overrides,
  });

const member = (pid: number) => ({ pid, startTimeMs: FIXTURE_TIME_MS });

type Sums = Pick<UserRow, 'user' | 'processCount' | 'cpuPercent' | 'memoryBytes' | 'diskBytesPerSec' | 'networkBytesPerSec' | 'gpuPercent'>;
const sumsOf = (rows: UserRow[]): Sums[] =>
  rows.map(({ user, processCount, cpuPercent, memoryBytes, diskBytesPerSec, networkBytesPerSec, gpuPercent }) => ({
    user,
    processCount,
    cpuPercent,
    memoryBytes,
    diskBytesPerSec,
    networkBytesPerSec,
    gpuPercent,
  }));

describe('groupProcessesByUser: sums', () => {
  it.each<[string, ProcessRow[], Sums[]]>([
    ['no processes: no rows', [], []],
    [
      'one user, figures added (disk is read + write, network received + sent)',
      [known(10, 'alice'), known(11, 'alice', { cpuPercent: 2.5, memoryBytes: 300 })],
      [{ user: 'alice', processCount: 2, cpuPercent: 3.5, memoryBytes: 400, diskBytesPerSec: 30, networkBytesPerSec: 10, gpuPercent: 1 }],
    ],
    [
      'a figure null for every member stays null (unknown), never 0',
      [processRow({ pid: 10, user: 'alice' }), processRow({ pid: 11, user: 'alice' })],
      [{ user: 'alice', processCount: 2, cpuPercent: null, memoryBytes: null, diskBytesPerSec: null, networkBytesPerSec: null, gpuPercent: null }],
    ],
    [
      'a figure known for some members is the sum of theirs (a first sample has no CPU yet)',
      [known(10, 'alice', { cpuPercent: null, gpuPercent: null }), known(11, 'alice', { cpuPercent: 4 })],
      [{ user: 'alice', processCount: 2, cpuPercent: 4, memoryBytes: 200, diskBytesPerSec: 30, networkBytesPerSec: 10, gpuPercent: 0.5 }],
    ],
    [
      'a member with only one direction of disk or network counts that direction',
      [processRow({ pid: 10, user: 'alice', ioReadBytesPerSec: 7, netTxBytesPerSec: 9 })],
      [{ user: 'alice', processCount: 1, cpuPercent: null, memoryBytes: null, diskBytesPerSec: 7, networkBytesPerSec: 9, gpuPercent: null }],
    ],
    [
      'zeros are known figures: the sum is 0, not null',
      [known(10, 'alice', { cpuPercent: 0, memoryBytes: 0, ioReadBytesPerSec: 0, ioWriteBytesPerSec: 0, netRxBytesPerSec: 0, netTxBytesPerSec: 0, gpuPercent: 0 })],
      [{ user: 'alice', processCount: 1, cpuPercent: 0, memoryBytes: 0, diskBytesPerSec: 0, networkBytesPerSec: 0, gpuPercent: 0 }],
    ],
    [
      'owner unknown (not elevated): the Unknown row, last, whatever the order of the processes',
      [known(5, null), known(10, 'zed'), known(11, 'alice'), known(12, null)],
      [
        { user: 'alice', processCount: 1, cpuPercent: 1, memoryBytes: 100, diskBytesPerSec: 15, networkBytesPerSec: 5, gpuPercent: 0.5 },
        { user: 'zed', processCount: 1, cpuPercent: 1, memoryBytes: 100, diskBytesPerSec: 15, networkBytesPerSec: 5, gpuPercent: 0.5 },
        { user: null, processCount: 2, cpuPercent: 2, memoryBytes: 200, diskBytesPerSec: 30, networkBytesPerSec: 10, gpuPercent: 1 },
      ],
    ],
    [
      'users sorted by name ignoring case, then exactly (Linux names are case-sensitive)',
      [processRow({ pid: 1, user: 'bob' }), processRow({ pid: 2, user: 'Alice' }), processRow({ pid: 3, user: 'alice' }), processRow({ pid: 4, user: 'NT AUTHORITY\\SYSTEM' })],
      ['Alice', 'alice', 'bob', 'NT AUTHORITY\\SYSTEM'].map((user) => ({ user, processCount: 1, cpuPercent: null, memoryBytes: null, diskBytesPerSec: null, networkBytesPerSec: null, gpuPercent: null })),
    ],
    [
      'a uid without a passwd name (Linux shows the number) is a user of its own',
      [processRow({ pid: 1, user: '1001' }), processRow({ pid: 2, user: 'root' })],
      ['1001', 'root'].map((user) => ({ user, processCount: 1, cpuPercent: null, memoryBytes: null, diskBytesPerSec: null, networkBytesPerSec: null, gpuPercent: null })),
    ],
  ])('%s', (_name, processes, expected) => {
    expect(sumsOf(groupProcessesByUser(processes, []))).toEqual(expected);
  });

  it('lists each row’s members by pid, with their identity', () => {
    const rows = groupProcessesByUser([known(30, 'alice'), known(4, 'alice', { startTimeMs: 5 }), known(12, 'alice')], []);
    expect(rows.map((row) => row.members)).toEqual([[{ pid: 4, startTimeMs: 5 }, member(12), member(30)]]);
  });

  it('gives the same rows whatever order the snapshot lists its processes in', () => {
    const processes = [known(1, 'bob'), known(2, null), known(3, 'alice'), known(4, 'bob', { cpuPercent: 7 })];
    expect(groupProcessesByUser([...processes].reverse(), [])).toEqual(groupProcessesByUser(processes, []));
  });
});

describe('groupProcessesByUser: sessions', () => {
  it.each<[string, ProcessRow[], UserSession[], { user: string | null; processCount: number; sessionIds: string[] }[]]>([
    ['a session attaches to its user’s row', [known(1, 'alice'), known(2, 'bob')], [session({ id: 'c2', user: 'bob' })], [
      { user: 'alice', processCount: 1, sessionIds: [] },
      { user: 'bob', processCount: 1, sessionIds: ['c2'] },
    ]],
    ['several sessions of one user, listed by id', [known(1, 'alice')], [session({ id: '3' }), session({ id: '1' })], [{ user: 'alice', processCount: 1, sessionIds: ['1', '3'] }]],
    ['a session with nobody logged on attaches to no row', [known(1, 'alice')], [session({ id: '0', user: null })], [{ user: 'alice', processCount: 1, sessionIds: [] }]],
    [
      'a signed-in user with no visible process still has a row (its processes may be the Unknown row’s)',
      [known(1, null)],
      [session({ id: '2', user: 'carol', state: 'disconnected' })],
      [
        { user: 'carol', processCount: 0, sessionIds: ['2'] },
        { user: null, processCount: 1, sessionIds: [] },
      ],
    ],
    [
      'Windows: a session naming DOMAIN\\name or another case finds the process rows’ name',
      [known(1, 'Alice'), known(2, 'bob')],
      [session({ id: '1', user: 'CONTOSO\\alice' }), session({ id: '2', user: 'BOB' })],
      [
        { user: 'Alice', processCount: 1, sessionIds: ['1'] },
        { user: 'bob', processCount: 1, sessionIds: ['2'] },
      ],
    ],
    [
      'an exact name wins over a case-insensitive one (Linux: two users)',
      [known(1, 'Alice'), known(2, 'alice')],
      [session({ id: '7', user: 'alice' })],
      [
        { user: 'Alice', processCount: 1, sessionIds: [] },
        { user: 'alice', processCount: 1, sessionIds: ['7'] },
      ],
    ],
  ])('%s', (_name, processes, sessions, expected) => {
    const rows = groupProcessesByUser(processes, sessions);
    expect(rows.map((row) => ({ user: row.user, processCount: row.processCount, sessionIds: row.sessions.map((s) => s.id) }))).toEqual(expected);
  });

  it('a row made for a session alone has every figure unknown, not 0', () => {
    const [row] = groupProcessesByUser([], [session({ user: 'carol' })]);
    expect(row).toEqual({
      user: 'carol',
      processCount: 0,
      cpuPercent: null,
      memoryBytes: null,
      diskBytesPerSec: null,
      networkBytesPerSec: null,
      gpuPercent: null,
      members: [],
      sessions: [session({ user: 'carol' })],
    });
  });
});
