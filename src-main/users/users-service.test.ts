import { describe, expect, it } from 'vitest';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import type { UserSession } from '../../src-shared/users.ts';
import { unsupportedSessions, type SessionsPlatform } from './sessions-platform.ts';
import { createUsersService } from './users-service.ts';

const ALICE_SESSION: UserSession = { id: 'c2', user: 'alice', state: 'active', clientName: null, station: 'seat0', loginAtMs: 1_000 };
const LOGIN_SCREEN: UserSession = { id: 'c1', user: null, state: 'online', clientName: null, station: 'seat0', loginAtMs: 500 };
const sessionsOf = (sessions: UserSession[]): SessionsPlatform => ({ list: async () => ({ sessions, unavailableReason: null }), close: () => {} });

describe('createUsersService', () => {
  it('is COLLECTOR_DOWN before the first snapshot (sums of nothing would read as idle users)', async () => {
    const service = createUsersService({ sessions: sessionsOf([ALICE_SESSION]), latest: () => null });
    expect(await service.view()).toMatchObject({ ok: false, code: 'COLLECTOR_DOWN' });
  });

  it('sums the latest snapshot by user, with every session and each user’s own', async () => {
    const latest = snapshot({
      takenAtMs: 42_000,
      processes: [processRow({ pid: 10, user: 'alice', cpuPercent: 2, memoryBytes: 100 }), processRow({ pid: 11, user: 'alice', cpuPercent: 3, memoryBytes: 50 }), processRow({ pid: 12, user: null, cpuPercent: 1 })],
    });
    const service = createUsersService({ sessions: sessionsOf([ALICE_SESSION, LOGIN_SCREEN]), latest: () => latest });
    const result = await service.view();
    if (!result.ok) throw new Error(result.message);
    expect(result.value.takenAtMs).toBe(42_000);
    expect(result.value.sessions).toEqual([ALICE_SESSION, LOGIN_SCREEN]);
    expect(result.value.sessionsUnavailableReason).toBeNull();
    expect(result.value.users.map((row) => [row.user, row.processCount, row.cpuPercent, row.memoryBytes, row.sessions.map((s) => s.id)])).toEqual([
      ['alice', 2, 5, 150, ['c2']],
      [null, 1, 1, null, []],
    ]);
  });

  it('lists the users without sessions where the OS has none, saying why', async () => {
    const latest = snapshot({ processes: [processRow({ pid: 10, user: 'alice' })] });
    const service = createUsersService({ sessions: unsupportedSessions('systemd-logind is not running on this machine'), latest: () => latest });
    expect(await service.view()).toMatchObject({
      ok: true,
      value: { users: [{ user: 'alice', processCount: 1, sessions: [] }], sessions: [], sessionsUnavailableReason: 'systemd-logind is not running on this machine' },
    });
  });
});
