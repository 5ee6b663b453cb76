import { describe, expect, it } from 'vitest';
import { buildWtsInfo, wtsString } from './wts-fixtures.ts';
import { parseWtsInfo, sessionState, userSession, wtsText } from './wts-info.ts';

describe('sessionState', () => {
  it.each([
    [0, 'active'],
    [1, 'connected'],
    [2, 'other'],
    [3, 'other'],
    [4, 'disconnected'],
    [5, 'idle'],
    [6, 'listening'],
    [7, 'other'],
    [8, 'other'],
    [9, 'other'],
    [42, 'other'],
  ])('WTS_CONNECTSTATE_CLASS %i is %s', (state, expected) => {
    expect(sessionState(state)).toBe(expected);
  });
});

describe('wtsText', () => {
  it.each([
    [wtsString('alice'), 'alice'],
    [wtsString('Zoë-Laptop'), 'Zoë-Laptop'],
    [wtsString(''), null],
    [new Uint8Array(0), null],
    // An odd byte count (never sent, but not read past): the whole characters only.
    [Uint8Array.from([0x61, 0x00, 0x62]), 'a'],
  ])('%j → %j', (bytes, expected) => {
    expect(wtsText(bytes)).toBe(expected);
  });
});

describe('parseWtsInfo', () => {
  it('reads the state, session id and LogonTime of a WTSINFOW', () => {
    const bytes = buildWtsInfo({ state: 0, sessionId: 1, station: 'Console', domain: 'CONTOSO', user: 'alice', logonAtMs: 1_764_921_600_000 });
    expect(parseWtsInfo(bytes)).toEqual({ state: 0, sessionId: 1, logonAtMs: 1_764_921_600_000 });
  });

  it('a LogonTime of 0 (nobody logged on) is null', () => {
    expect(parseWtsInfo(buildWtsInfo({ state: 6, sessionId: 65536, station: 'RDP-Tcp', domain: '', user: '', logonAtMs: null })).logonAtMs).toBeNull();
  });

  it('refuses a buffer shorter than WTSINFOW', () => {
    expect(() => parseWtsInfo(new Uint8Array(200))).toThrow(RangeError);
  });
});

describe('userSession', () => {
  it('names the user by the bare account name and keeps the client name of a remote session', () => {
    expect(userSession({ id: 3, station: 'RDP-Tcp#0', connectState: 0, userName: 'alice', clientName: 'ZOE-LAPTOP', logonAtMs: 1000 })).toEqual({
      id: '3',
      user: 'alice',
      state: 'active',
      clientName: 'ZOE-LAPTOP',
      station: 'RDP-Tcp#0',
      loginAtMs: 1000,
    });
  });

  it('a session nobody is logged on to has no user and no login time', () => {
    expect(userSession({ id: 0, station: 'Services', connectState: 4, userName: null, clientName: null, logonAtMs: 5 })).toMatchObject({ user: null, state: 'disconnected', loginAtMs: null });
  });
});
