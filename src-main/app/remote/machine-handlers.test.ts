import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../../src-shared/results.ts';
import { snapshot } from '../../../src-shared/testing/fixtures.ts';
import type { CommandHandlers } from '../../control/command-handlers.ts';
import { PushPublisher } from '../push-port.ts';
import { certificateChangedMessage, machineEndpoint, streamUrlOf } from './certificate-check.ts';
import { createMachineHandlers } from './machine-handlers.ts';
import { MachineStore } from './machine-store.ts';
import type { RemoteTarget } from './remote-connection.ts';
import { TokenVault, type SafeStorageLike } from './token-vault.ts';
import { ViewSwitch } from './view-source.ts';

const TOKEN = 'view-token-0123456789abc';
const A = Array.from({ length: 32 }, () => 'AA').join(':');
const B = Array.from({ length: 32 }, () => 'BB').join(':');
const sealing: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(`sealed:${text.length}:${Buffer.from(text).toString('hex')}`),
  decryptString: (sealed) => Buffer.from(sealed.toString().split(':')[2] ?? '', 'hex').toString(),
};

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'machine-handlers-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Handlers whose streams are never opened: each attempt is recorded and must not happen for these refusals. */
function setup(canKeep: ReturnType<typeof failure> | null = null) {
  const store = new MachineStore(path.join(dir, 'machines.json'), new TokenVault(path.join(dir, 'tokens.json'), sealing));
  const opened: RemoteTarget[] = [];
  const view = new ViewSwitch(
    new PushPublisher(),
    { handlers: {} as CommandHandlers, answerQuery: async () => failure('INTERNAL', 'local'), latest: () => snapshot(), status: () => null, retainedBroadcasts: () => [] },
    () => undefined,
  );
  const handlers = createMachineHandlers({
    store,
    view,
    canKeepTokens: () => canKeep,
    open: (target) => {
      opened.push(target);
      throw new Error('no stream may be opened in this test');
    },
    onSaved: () => undefined,
  });
  return { store, handlers, opened };
}

describe('connectMachine refuses before connecting', () => {
  it.each<[string, { url: string; fingerprint: string | null }, string, RegExp]>([
    ['https without an accepted fingerprint', { url: 'https://build-server:8737', fingerprint: null }, 'INVALID_ARGUMENT', /check the host’s certificate first/],
    ['http with a fingerprint', { url: 'http://127.0.0.1:8737', fingerprint: A }, 'INVALID_ARGUMENT', /no certificate to pin/],
  ])('%s', async (_name, args, code, message) => {
    const { handlers, opened } = setup();
    expect(await handlers.connectMachine({ ...args, name: 'x', token: TOKEN })).toMatchObject({ ok: false, code, message: expect.stringMatching(message) });
    expect(opened).toEqual([]);
  });

  it('a fingerprint other than the pinned one for that address: forget it first', async () => {
    const { handlers, store, opened } = setup();
    store.save({ name: 'build-server', url: 'https://build-server:8737', fingerprint: A, token: TOKEN, controlToken: null });
    expect(await handlers.connectMachine({ url: 'https://build-server:8737/', fingerprint: B, name: 'x', token: TOKEN })).toMatchObject({
      ok: false,
      code: 'ACCESS_DENIED',
      message: expect.stringMatching(/another certificate is pinned .* forget that machine first/),
    });
    expect(opened).toEqual([]);
  });

  it('no encrypted storage for the tokens: the plain refusal, nothing opened or saved', async () => {
    const { handlers, store, opened } = setup(failure('UNSUPPORTED', 'no keyring'));
    expect(await handlers.connectMachine({ url: 'https://build-server:8737', fingerprint: A, name: 'x', token: TOKEN })).toEqual(failure('UNSUPPORTED', 'no keyring'));
    expect(opened).toEqual([]);
    expect(store.list()).toEqual([]);
  });

  it('probe of an http address on loopback: no certificate, nothing pinned', async () => {
    const { handlers } = setup();
    expect(await handlers.probeMachine({ url: 'http://127.0.0.1:8737' })).toEqual({
      ok: true,
      probe: { url: 'http://127.0.0.1:8737', fingerprint: null, subject: null, issuer: null, pinnedFingerprint: null },
    });
  });

  it('showing or forgetting an unknown machine: NOT_FOUND', async () => {
    const { handlers } = setup();
    expect(await handlers.showMachine({ id: 'nope' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await handlers.forgetMachine({ id: 'nope' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await handlers.showMachine({ id: null })).toEqual({ ok: true });
  });
});

describe('a host nobody answers at', () => {
  /** A loopback port that was just free: nothing listens there. */
  async function closedPort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise((resolve) => server.close(resolve));
    return typeof address === 'object' && address ? address.port : 0;
  }

  it('probe and connect answer COLLECTOR_DOWN in words; nothing is saved', async () => {
    const port = await closedPort();
    const store = new MachineStore(path.join(dir, 'machines.json'), new TokenVault(path.join(dir, 'tokens.json'), sealing));
    const view = new ViewSwitch(
      new PushPublisher(),
      { handlers: {} as CommandHandlers, answerQuery: async () => failure('INTERNAL', 'local'), latest: () => snapshot(), status: () => null, retainedBroadcasts: () => [] },
      () => undefined,
    );
    const handlers = createMachineHandlers({ store, view, canKeepTokens: () => null, onSaved: () => undefined });
    expect(await handlers.probeMachine({ url: `https://127.0.0.1:${port}` })).toMatchObject({ ok: false, code: 'COLLECTOR_DOWN', message: expect.stringMatching(/can't be reached: ECONNREFUSED/) });
    expect(await handlers.connectMachine({ url: `https://127.0.0.1:${port}`, fingerprint: A, name: 'gone', token: TOKEN })).toEqual({ ok: false, code: 'COLLECTOR_DOWN', message: "gone can't be reached; retrying" });
    expect(store.list()).toEqual([]);
    expect(view.shown).toBeNull();
  });
});

describe('certificate-check’s pure parts', () => {
  it.each<[string, { host: string; port: number; isTls: boolean }, string]>([
    ['https://build-server:8737', { host: 'build-server', port: 8737, isTls: true }, 'wss://build-server:8737/api/stream'],
    ['https://build-server', { host: 'build-server', port: 443, isTls: true }, 'wss://build-server/api/stream'],
    ['https://build-server:8737/', { host: 'build-server', port: 8737, isTls: true }, 'wss://build-server:8737/api/stream'],
    ['http://127.0.0.1:8737', { host: '127.0.0.1', port: 8737, isTls: false }, 'ws://127.0.0.1:8737/api/stream'],
    ['https://[::1]:9000', { host: '::1', port: 9000, isTls: true }, 'wss://[::1]:9000/api/stream'],
  ])('%s', (url, endpoint, stream) => {
    expect(machineEndpoint(url)).toEqual(endpoint);
    expect(streamUrlOf(url)).toBe(stream);
  });

  it('the changed-certificate message names the machine and the new fingerprint, and what to do', () => {
    expect(certificateChangedMessage('build-server', B)).toBe(
      `the certificate of build-server changed since you connected: its fingerprint is now ${B} — if you did not change it, someone may be in between; Forget the machine and connect again to trust the new one`,
    );
  });
});
