/**
 * The sessions adapter against real WTS: vitest project `windows` in the Windows workflow, and
 * `npm run test:wine` under Wine here. Wine 8's WTSEnumerateSessionsW is a stub that lists no
 * session, and its WTSQuerySessionInformationW answers only a few classes (WTSUserName, not
 * WTSConnectState or WTSSessionInfo): under Wine the listing is empty and the session this test
 * runs in is described directly; the states and logon times are covered by fixtures
 * (windows-sessions.test.ts, wts-info.test.ts).
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { SESSION_STATES } from '../../../src-shared/users.ts';
import { loadWin32Api } from '../../control/win32/win32-bindings.ts';
import { createWindowsSessions, describeSession } from './windows-sessions.ts';
import { loadWtsApi } from './wts-bindings.ts';

const isWindows = process.platform === 'win32';
const isWine = isWindows && loadWin32Api().isWine();

function ownSessionId(): number {
  const session = loadWin32Api().sessionIdOf(process.pid);
  if (!session.ok) throw new Error(`ProcessIdToSessionId failed (${session.error})`);
  return session.value;
}

/** The account this test runs as, by its bare name; none when it runs as a service in session 0, where nobody logs on. */
const ownUser = () => (ownSessionId() === 0 ? null : os.userInfo().username);

describe.runIf(isWindows)("Windows' sessions through WTS", () => {
  it('names the user of the session this test runs in as the Processes tab names users (the bare account name)', () => {
    const session = describeSession(loadWtsApi(), { id: ownSessionId(), station: '', connectState: 0 });
    expect(session).toMatchObject({ id: String(ownSessionId()), user: ownUser() });
  });

  it.runIf(isWine)('under Wine: lists no session (its WTSEnumerateSessionsW is a stub), and says nothing is wrong', async () => {
    expect(await createWindowsSessions().list()).toEqual({ sessions: [], unavailableReason: null });
  });

  it.skipIf(isWine)('on Windows: lists session 0 without a user, and this session with its user and, when someone is logged on, the logon time', async () => {
    const listing = await createWindowsSessions().list();
    expect(listing.unavailableReason).toBeNull();
    for (const session of listing.sessions) expect(SESSION_STATES).toContain(session.state);
    expect(listing.sessions.find((s) => s.id === '0')).toMatchObject({ user: null, loginAtMs: null });
    const own = listing.sessions.find((s) => s.id === String(ownSessionId()));
    expect(own?.user).toBe(ownUser());
    if (own?.user) expect(own.loginAtMs).toBeLessThan(Date.now());
  });
});
