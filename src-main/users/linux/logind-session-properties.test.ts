import { describe, expect, it } from 'vitest';
import type { UserSession } from '../../../src-shared/users.ts';
import type { DBusValue } from '../../dbus/codec.ts';
import { recordedProperties, recordedReply } from '../../test-support/dbus-recordings.ts';
import { parseListSessions, parseSessionProperties, toUserSession, type ListedSession } from './logind-session-properties.ts';

const listed = (overrides: Partial<ListedSession> = {}): ListedSession => ({ id: 'c3', uid: 0, user: 'root', seat: '', path: '/org/freedesktop/login1/session/c3', ...overrides });

describe('logind replies recorded off a bus', () => {
  it('reads ListSessions (a(susso))', () => {
    const reply = recordedReply('list-sessions');
    expect(reply.signature).toBe('a(susso)');
    expect(parseListSessions(reply.body)).toEqual([
      { id: '2', uid: 1000, user: 'alice', seat: 'seat0', path: '/org/freedesktop/login1/session/_32' },
      listed(),
      { id: '5', uid: 1001, user: 'bob', seat: '', path: '/org/freedesktop/login1/session/_35' },
    ]);
  });

  it('reads a remote session\'s properties (GetAll): its host, its terminal, when it began', () => {
    expect(toUserSession(listed(), parseSessionProperties(recordedProperties('session-properties-c3')))).toEqual({
      id: 'c3',
      user: 'root',
      state: 'online',
      clientName: '192.0.2.7',
      station: 'pts/0',
      loginAtMs: Date.parse('2023-11-14T22:23:20Z'),
    });
  });

  it('refuses a body of another shape', () => {
    expect(parseListSessions([[['c3', 'root']]])).toBeNull();
  });
});

describe('logind sessions in the page\'s terms', () => {
  const cases: { what: string; properties: Record<string, DBusValue>; expected: Partial<UserSession> }[] = [
    { what: 'a local graphical session: its seat, no client', properties: { State: 'active', Remote: false, RemoteHost: '', TTY: '', Seat: ['seat0', '/org/freedesktop/login1/seat/seat0'] }, expected: { state: 'active', clientName: null, station: 'seat0' } },
    { what: 'a local text console: its TTY', properties: { State: 'active', Remote: false, TTY: 'tty2', Seat: ['seat0', '/x'] }, expected: { state: 'active', clientName: null, station: 'tty2' } },
    { what: 'a RemoteHost on a session logind calls local is not a client', properties: { State: 'online', Remote: false, RemoteHost: '10.0.0.1' }, expected: { clientName: null } },
    { what: 'an unknown state', properties: { State: 'opening' }, expected: { state: 'other' } },
    { what: 'Timestamp 0 is unknown', properties: { Timestamp: 0n }, expected: { loginAtMs: null } },
    { what: 'Timestamp is µs since the epoch', properties: { Timestamp: 1_700_000_000_123_456n }, expected: { loginAtMs: 1_700_000_000_123 } },
  ];
  it.each(cases)('$what', ({ properties, expected }) => {
    expect(toUserSession(listed(), parseSessionProperties(properties))).toMatchObject(expected);
  });

  it('keeps what ListSessions said when the properties could not be read (the session closed)', () => {
    expect(toUserSession(listed({ seat: 'seat0' }), null)).toEqual({ id: 'c3', user: 'root', state: 'other', clientName: null, station: 'seat0', loginAtMs: null });
  });
});
