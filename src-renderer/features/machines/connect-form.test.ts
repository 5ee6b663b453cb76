import { describe, expect, it } from 'vitest';
import type { SavedMachine } from '../../../src-shared/machines.ts';
import { failure } from '../../../src-shared/results.ts';
import { connectFailureText, defaultMachineName, formProblems, groupFingerprint, machineName, savedMachineAt, type ConnectForm } from './connect-form.ts';

const form = (overrides: Partial<ConnectForm> = {}): ConnectForm => ({ url: '', name: '', token: '', controlToken: '', ...overrides });

describe('formProblems', () => {
  it.each([
    ['nothing typed: no problem said yet, nothing to ask', form(), null, false],
    ['an address and a token', form({ url: 'https://build-server:8737', token: 't' }), null, true],
    ['no token', form({ url: 'https://build-server:8737' }), null, false],
    ['http to another computer', form({ url: 'http://build-server:8737', token: 't' }), 'a host on another computer must use https://, or its token would cross the network in clear', false],
    ['http on loopback', form({ url: 'http://127.0.0.1:8737', token: 't' }), null, true],
    ['a path', form({ url: 'https://build-server:8737/api', token: 't' }), 'give the host’s address only (scheme, name and port), without a path', false],
    ['a user in the address', form({ url: 'https://admin:pw@build-server', token: 't' }), 'the address must not hold a user name or password: give the token instead', false],
    ['half typed', form({ url: 'build', token: 't' }), 'type the host’s address, e.g. https://build-server:8737', false],
  ] as const)('%s', (_label, typed, problem, canProbe) => {
    expect(formProblems(typed)).toEqual({ url: problem, canProbe });
  });
});

describe('the machine’s name', () => {
  it.each([
    ['https://build-server:8737', 'build-server'],
    ['https://10.0.0.5', '10.0.0.5'],
    ['https://[fd00::5]:8737/', '[fd00::5]'],
    ['  https://build-server.lan:8737  ', 'build-server.lan'],
    ['http://build-server:8737', ''],
    ['build', ''],
  ])('%s → “%s” when none is typed', (url, name) => {
    expect(defaultMachineName(url)).toBe(name);
    expect(machineName(form({ url }))).toBe(name);
  });

  it('is the name typed when there is one', () => {
    expect(machineName(form({ url: 'https://10.0.0.5', name: '  build farm 1 ' }))).toBe('build farm 1');
  });
});

describe('groupFingerprint', () => {
  it('shows the 32 pairs as 4 lines of 8', () => {
    const pairs = Array.from({ length: 32 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));
    expect(groupFingerprint(pairs.join(':'))).toEqual([
      '00:01:02:03:04:05:06:07',
      '08:09:0A:0B:0C:0D:0E:0F',
      '10:11:12:13:14:15:16:17',
      '18:19:1A:1B:1C:1D:1E:1F',
    ]);
  });
});

describe('savedMachineAt', () => {
  const saved: SavedMachine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: null, color: '#1565c0', hasControlToken: false };
  it.each([
    ['https://build-server:8737', 'm1'],
    ['https://Build-Server:8737/', 'm1'],
    ['https://build-server:8738', null],
    ['https://build-server', null],
  ])('%s → %s', (url, id) => {
    expect(savedMachineAt([saved], url)?.id ?? null).toBe(id);
  });
});

describe('connectFailureText', () => {
  it.each([
    [failure('UNAUTHORIZED', 'the host refused the token'), 'Refused: the host refused the token. Check the token (the host’s serve --token) and type it again.'],
    [
      failure('ACCESS_DENIED', 'the certificate of build-server changed since you connected: its fingerprint is now AB:…'),
      'Could not connect: the certificate of build-server changed since you connected: its fingerprint is now AB:…',
    ],
    [failure('INTERNAL', 'the host does not answer (connect ECONNREFUSED 10.0.0.5:8737)'), 'Could not connect: the host does not answer (connect ECONNREFUSED 10.0.0.5:8737)'],
  ])('%o', (refusal, said) => {
    expect(connectFailureText(refusal)).toBe(said);
  });
});
