import { describe, expect, it } from 'vitest';
import type { Win32Result } from '../../control/win32/win32-api.ts';
import type { WtsApi, WtsSessionEntry } from './wts-api.ts';
import { buildWtsInfo, wtsString } from './wts-fixtures.ts';
import { WTS_INFO_CLASS } from './wts-info.ts';
import { createWindowsSessions } from './windows-sessions.ts';

const ERROR_INVALID_PARAMETER = 87;
const LOGON_MS = 1_764_921_600_000;

/** WTS on a machine with the services' session 0, alice at the console, bob over remote desktop, and a listener. */
function fakeWts(overrides: { enumerate?: Win32Result<WtsSessionEntry[]>; refused?: Set<string> } = {}): WtsApi {
  const answers = new Map<string, Uint8Array>([
    [`0:${WTS_INFO_CLASS.USER_NAME}`, wtsString('')],
    [`0:${WTS_INFO_CLASS.CLIENT_NAME}`, wtsString('')],
    [`0:${WTS_INFO_CLASS.SESSION_INFO}`, buildWtsInfo({ state: 4, sessionId: 0, station: 'Services', domain: '', user: '', logonAtMs: null })],
    [`1:${WTS_INFO_CLASS.USER_NAME}`, wtsString('alice')],
    [`1:${WTS_INFO_CLASS.CLIENT_NAME}`, wtsString('')],
    [`1:${WTS_INFO_CLASS.SESSION_INFO}`, buildWtsInfo({ state: 0, sessionId: 1, station: 'Console', domain: 'CONTOSO', user: 'alice', logonAtMs: LOGON_MS })],
    [`2:${WTS_INFO_CLASS.USER_NAME}`, wtsString('bob')],
    [`2:${WTS_INFO_CLASS.CLIENT_NAME}`, wtsString('BOB-LAPTOP')],
    [`2:${WTS_INFO_CLASS.SESSION_INFO}`, buildWtsInfo({ state: 4, sessionId: 2, station: '', domain: 'CONTOSO', user: 'bob', logonAtMs: LOGON_MS + 60_000 })],
  ]);
  return {
    enumerateSessions: () =>
      overrides.enumerate ?? {
        ok: true,
        value: [
          { id: 0, station: 'Services', connectState: 4 },
          { id: 1, station: 'Console', connectState: 0 },
          { id: 2, station: '', connectState: 4 },
          { id: 65536, station: 'RDP-Tcp', connectState: 6 },
        ],
      },
    querySession: (id, infoClass) => {
      const key = `${id}:${infoClass}`;
      const answer = answers.get(key);
      return answer && !overrides.refused?.has(key) ? { ok: true, value: answer } : { ok: false, error: ERROR_INVALID_PARAMETER };
    },
  };
}

describe('createWindowsSessions', () => {
  it('lists every session with its user (bare account name), state, client name, station and logon time', async () => {
    const listing = await createWindowsSessions({ api: () => fakeWts() }).list();
    expect(listing).toEqual({
      unavailableReason: null,
      sessions: [
        { id: '0', user: null, state: 'disconnected', clientName: null, station: 'Services', loginAtMs: null },
        { id: '1', user: 'alice', state: 'active', clientName: null, station: 'Console', loginAtMs: LOGON_MS },
        { id: '2', user: 'bob', state: 'disconnected', clientName: 'BOB-LAPTOP', station: null, loginAtMs: LOGON_MS + 60_000 },
        // The listener answers nothing: every figure unknown, still listed.
        { id: '65536', user: null, state: 'listening', clientName: null, station: 'RDP-Tcp', loginAtMs: null },
      ],
    });
  });

  it('where WTSSessionInfo is not answered (Wine 8), the login time is unknown and the rest is still read', async () => {
    const listing = await createWindowsSessions({ api: () => fakeWts({ refused: new Set([`1:${WTS_INFO_CLASS.SESSION_INFO}`]) }) }).list();
    expect(listing.sessions[1]).toEqual({ id: '1', user: 'alice', state: 'active', clientName: null, station: 'Console', loginAtMs: null });
  });

  it('says why when Windows does not list its sessions', async () => {
    const listing = await createWindowsSessions({ api: () => fakeWts({ enumerate: { ok: false, error: 5 } }) }).list();
    expect(listing).toEqual({ sessions: [], unavailableReason: 'Windows did not list its sessions (Windows error 5)' });
  });

  it('says why when the bindings can not load', async () => {
    const listing = await createWindowsSessions({
      api: () => {
        throw new Error('wtsapi32.dll has no WTSEnumerateSessionsW');
      },
    }).list();
    expect(listing).toEqual({ sessions: [], unavailableReason: expect.stringContaining('wtsapi32.dll has no WTSEnumerateSessionsW') });
  });
});
