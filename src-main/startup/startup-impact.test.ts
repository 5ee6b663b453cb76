import { describe, expect, it } from 'vitest';
import type { AppHistory, GroupUsage } from '../../src-shared/query.ts';
import { failure } from '../../src-shared/results.ts';
import type { UserSession } from '../../src-shared/users.ts';
import { entryImpact, impactRangeOf, isSameExecutable, loginMomentOf, loginUsageOf, type LoginHistoryFacts, type LoginUsage } from './startup-impact.ts';

const M = 60_000;
const T = 1_700_000_040_000; // a whole minute
const LOGIN = T + 20_000; // 20 s into a minute

const session = (over: Partial<UserSession>): UserSession => ({ id: '1', user: 'ann', state: 'active', clientName: null, station: 'seat0', loginAtMs: LOGIN, ...over });

describe('loginMomentOf', () => {
  it.each<[string, UserSession[], string | null, number | null]>([
    ['the user’s one active session', [session({})], 'ann', LOGIN],
    ['the latest of several active ones', [session({ loginAtMs: LOGIN - M }), session({ id: '2', loginAtMs: LOGIN })], 'ann', LOGIN],
    ['an online (not foreground) one does not count', [session({ state: 'online', loginAtMs: LOGIN + M }), session({})], 'ann', LOGIN],
    ['another user’s does not count', [session({ user: 'bob', loginAtMs: LOGIN + M })], 'ann', null],
    ['a Windows row names the user DOMAIN\\name', [session({ user: 'PC\\ann' })], 'ann', LOGIN],
    ['no login time', [session({ loginAtMs: null })], 'ann', null],
    ['a session with nobody (a login screen)', [session({ user: null })], 'ann', null],
    ['no user name', [session({})], null, null],
  ])('%s', (_, sessions, user, expected) => {
    expect(loginMomentOf(sessions, user)).toBe(expected);
  });
});

describe('impactRangeOf: the whole minutes that hold the 60 s after login', () => {
  it.each([
    ['a login 20 s into a minute: two minutes', T + 20_000, T, T + 2 * M],
    ['a login on the minute: that minute alone', T, T, T + M],
    ['a login 1 ms before a minute: two minutes', T + M - 1, T, T + 2 * M],
  ])('%s', (_, login, fromMs, toMs) => {
    expect(impactRangeOf(login)).toEqual({ loginAtMs: login, windowEndMs: login + M, fromMs, toMs });
  });
});

const exe = (exePath: string | null, cpuTimeMs: number, over: Partial<GroupUsage> = {}): GroupUsage => ({
  kind: 'executable',
  name: exePath?.split('/').at(-1) ?? 'x',
  exePath,
  processCount: 1,
  cpuTimeMs,
  cpuPercentMean: 0,
  memoryPeakBytes: null,
  memoryMeanBytes: null,
  diskReadBytes: 100,
  diskWriteBytes: 20,
  gpuTimeMs: null,
  netRxBytes: null,
  netTxBytes: null,
  ...over,
});
const appHistory = (recordedMs: number, executables: GroupUsage[]): { ok: true; value: AppHistory } => ({ ok: true, value: { fromMs: T, toMs: T + 2 * M, recordedMs, apps: [], executables } });

describe('loginUsageOf', () => {
  const range = impactRangeOf(LOGIN); // [T, T + 2 min)
  const facts = (over: Partial<LoginHistoryFacts>): LoginHistoryFacts => ({
    range,
    nowMs: T + 10 * M,
    oldestMs: T - 60 * M,
    usage: appHistory(2 * M, [exe('/usr/bin/foo', 900)]),
    recordingStartsMs: [],
    gaps: [],
    ...over,
  });
  const measured: LoginUsage = { state: 'measured', loginAtMs: LOGIN, executables: [exe('/usr/bin/foo', 900)] };

  it.each<[string, Partial<LoginHistoryFacts>, LoginUsage]>([
    ['recorded throughout: measured', {}, measured],
    ['recorded up to one slow tick short of the range: measured', { usage: appHistory(2 * M - 10_000, [exe('/usr/bin/foo', 900)]) }, measured],
    ['recording started before the login, inside its minute: measured over what followed', { recordingStartsMs: [T + 5_000], usage: appHistory(2 * M - 5_000, [exe('/usr/bin/foo', 900)]) }, measured],
    [
      'the range is not over yet',
      { nowMs: T + 2 * M + 4_000 },
      { state: 'notMeasured', reason: 'not measured yet: the first minute after this login is measured from 2023-11-14 22:16:05 UTC', isFinal: false },
    ],
    [
      'recording started after the login (the app starts with the session)',
      { recordingStartsMs: [LOGIN + 7_000], usage: appHistory(M + 33_000, []) },
      { state: 'notMeasured', reason: 'history started recording 7 s after this login (Task Manager or its host started later), so the start of the first minute was not recorded', isFinal: true },
    ],
    [
      'a gap around the login',
      { gaps: [{ atMs: T - 30_000, detail: 'no samples for 42 s' }] },
      { state: 'notMeasured', reason: 'history has a gap around this login (no samples for 42 s)', isFinal: true },
    ],
    [
      'recorded only part of the range (no event says when it began: older than events are kept)',
      { usage: appHistory(M + 40_000, [exe('/usr/bin/foo', 900)]) },
      { state: 'notMeasured', reason: 'history recorded only 100 s of the 120 s around this login', isFinal: true },
    ],
    [
      'nothing recorded, login older than history',
      { usage: failure('NO_HISTORY', 'no usage'), oldestMs: T + 60 * M },
      { state: 'notMeasured', reason: 'this login (2023-11-14 22:14:20 UTC) is older than what history holds (from 2023-11-14 23:14:00 UTC)', isFinal: true },
    ],
    [
      'nothing recorded though history is older: it was not recording then',
      { usage: failure('NO_HISTORY', 'no usage') },
      { state: 'notMeasured', reason: 'history was not recording in the first minute after this login (2023-11-14 22:14:20 UTC)', isFinal: true },
    ],
    [
      'history not working now: its reason, asked again later',
      { usage: failure('HISTORY_OFF', 'the disk is full') },
      { state: 'notMeasured', reason: 'the disk is full', isFinal: false },
    ],
  ])('%s', (_, over, expected) => {
    expect(loginUsageOf(facts(over))).toEqual(expected);
  });
});

describe('isSameExecutable', () => {
  it.each([
    ['/usr/bin/foo', '/usr/bin/foo', true],
    ['/usr/bin/foo', '/usr/bin/Foo', false],
    ['/usr/bin/foo', '/usr/local/bin/foo', false],
    ['C:\\Program Files\\Foo\\foo.exe', 'c:\\program files\\foo\\FOO.EXE', true],
    ['C:/Program Files/Foo/foo.exe', 'C:\\Program Files\\Foo\\foo.exe', true],
    ['\\\\server\\share\\a.exe', '\\\\SERVER\\share\\A.exe', true],
    ['C:\\a.exe', 'C:\\b.exe', false],
  ])('%j and %j: %j', (a, b, expected) => {
    expect(isSameExecutable(a, b)).toBe(expected);
  });
});

describe('entryImpact', () => {
  const usage: LoginUsage = {
    state: 'measured',
    loginAtMs: LOGIN,
    executables: [
      exe('/usr/lib/foo/foo', 1_500, { processCount: 3, diskReadBytes: 4_096, diskWriteBytes: 1_024 }),
      exe('/usr/bin/bar', 40, { diskReadBytes: null, diskWriteBytes: null }),
      exe(null, 99_999),
      exe('C:\\Apps\\Tool.exe', 10, { processCount: 1 }),
      exe('c:\\apps\\tool.exe', 5, { processCount: 2 }),
    ],
  };
  it.each<[string, string | null, LoginUsage, ReturnType<typeof entryImpact>]>([
    ['its executable’s CPU time, disk bytes and processes', '/usr/lib/foo/foo', usage, { state: 'measured', loginAtMs: LOGIN, cpuTimeMs: 1_500, diskBytes: 5_120, processCount: 3 }],
    ['no disk figure on this machine: null, not 0', '/usr/bin/bar', usage, { state: 'measured', loginAtMs: LOGIN, cpuTimeMs: 40, diskBytes: null, processCount: 1 }],
    ['it did not run at that login: 0 processes', '/usr/bin/absent', usage, { state: 'measured', loginAtMs: LOGIN, cpuTimeMs: 0, diskBytes: 0, processCount: 0 }],
    ['Windows paths of one file in two cases are summed', 'C:\\Apps\\Tool.exe', usage, { state: 'measured', loginAtMs: LOGIN, cpuTimeMs: 15, diskBytes: 240, processCount: 3 }],
    ['its program is unknown', null, usage, { state: 'notMeasured', reason: 'the program this entry starts is not known, so its processes cannot be found in history' }],
    ['the login was not measured: its reason', '/usr/lib/foo/foo', { state: 'notMeasured', reason: 'history is off', isFinal: false }, { state: 'notMeasured', reason: 'history is off' }],
  ])('%s', (_, exePath, loginUsage, expected) => {
    expect(entryImpact(exePath, loginUsage)).toEqual(expected);
  });
});
