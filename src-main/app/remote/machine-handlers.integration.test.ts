/**
 * Connect to machine… against REAL hosts (`serve` started as a user starts it) over TLS with
 * self-signed certificates made here: the probe's fingerprint is openssl's, a connection with it
 * shows the host's rows, a wrong token saves nothing, a host that goes away and comes back is
 * followed by the view, a changed certificate is refused before anything is sent, and a view-only
 * token gets the host's 403 for every command. Electron's safeStorage is a fake that marks its output.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../../src-shared/alerts.ts';
import { commandSchemas, DESKTOP_ONLY_COMMANDS, failure, type CommandArgs, type CommandName, type CommandResult } from '../../../src-shared/commands.ts';
import type { PushMessage } from '../../../src-shared/ipc.ts';
import { snapshot as snapshotFixture } from '../../../src-shared/testing/fixtures.ts';
import type { CommandHandlers } from '../../control/command-handlers.ts';
import { endAllOwned, waitUntil } from '../../test-support/child-processes.ts';
import { startServe, type ServeProcess } from '../../test-support/serve-process.ts';
import { PushPublisher } from '../push-port.ts';
import { createMachineHandlers } from './machine-handlers.ts';
import { MachineStore } from './machine-store.ts';
import { TOKEN_REFUSED_MESSAGE } from './remote-connection.ts';
import { TokenVault, type SafeStorageLike } from './token-vault.ts';
import { ViewSwitch } from './view-source.ts';

const VIEW_TOKEN = 'remote-view-token-0123456789abcdef';
const WRONG_TOKEN = 'not-the-token-0123456789abcdefgh';
const LOCAL_ONLY = 'answered by this computer';
/** What the fake safeStorage puts before its ciphertext, so a test can tell it from a token in clear. */
const SEALED = 'fake-safe-storage:';

const fakeSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(SEALED + Buffer.from(text).toString('hex')),
  decryptString: (sealed) => {
    const text = sealed.toString();
    if (!text.startsWith(SEALED)) throw new Error('not sealed by this storage');
    return Buffer.from(text.slice(SEALED.length), 'hex').toString();
  },
};

let dir = '';
const certs: Record<'a' | 'b', { cert: string; key: string; fingerprint: string }> = {
  a: { cert: '', key: '', fingerprint: '' },
  b: { cert: '', key: '', fingerprint: '' },
};
let rulesFile = '';

function makeCertificate(name: 'a' | 'b'): void {
  const key = path.join(dir, `${name}-key.pem`);
  const cert = path.join(dir, `${name}-cert.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=test-host-${name}`, '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  // openssl's own word for the fingerprint: `sha256 Fingerprint=AB:CD:…`
  const fingerprint = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).trim().split('=')[1] ?? '';
  certs[name] = { cert, key, fingerprint };
}

/** A rule with an action on the host: deleting it needs control, so a view token's deleteRule is a 403 too. */
const ACTING_RULE: Rule = {
  id: 'tame',
  name: 'Tame a hog',
  scope: 'process',
  match: { name: 'no-such-process-name' },
  metric: 'cpuPercent',
  above: 90,
  forSeconds: 60,
  clearSeconds: 10,
  maxPerHour: 1,
  actions: [{ type: 'setPriority', priority: 'belowNormal' }],
  armed: false,
  enabled: false,
  anyUser: false,
};

function serveWith(cert: 'a' | 'b', port = 0): Promise<ServeProcess> {
  return startServe(['--port', String(port), '--token', VIEW_TOKEN, '--tls-cert', certs[cert].cert, '--tls-key', certs[cert].key, '--interval-ms', '250', '--rules-file', rulesFile]);
}

/** Main's side as main.ts wires it, with a fake page port and this computer's core answering "local". */
function harness() {
  const profile = fs.mkdtempSync(path.join(dir, 'profile-'));
  const tokenFile = path.join(profile, 'machine-tokens.json');
  const store = new MachineStore(path.join(profile, 'machines.json'), new TokenVault(tokenFile, fakeSafeStorage));
  const publisher = new PushPublisher();
  const pushed: PushMessage[] = [];
  publisher.attach(1, { postMessage: (message) => pushed.push(message), close: () => undefined });
  const localHandlers = Object.fromEntries(Object.keys(commandSchemas).map((name) => [name, async () => failure('INTERNAL', LOCAL_ONLY)])) as unknown as CommandHandlers;
  const local = snapshotFixture({ seq: 1 });
  let changes = 0;
  const view = new ViewSwitch(
    publisher,
    { handlers: localHandlers, answerQuery: async () => failure('INTERNAL', LOCAL_ONLY), latest: () => local, status: () => null, retainedBroadcasts: () => [] },
    () => (changes += 1),
  );
  const handlers = createMachineHandlers({ store, view, canKeepTokens: () => null, onSaved: () => undefined });
  return { store, view, handlers, pushed, tokenFile, profile, changes: () => changes };
}

/** The pids of the whole snapshots pushed to the page since `from`. */
function wholeSnapshotPids(pushed: readonly PushMessage[], from = 0): number[][] {
  return pushed.slice(from).flatMap((message) => (message.type === 'snapshot' ? [message.snapshot.processes.map((row) => row.pid)] : []));
}

let host: ServeProcess;
let port = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-machine-'));
  makeCertificate('a');
  makeCertificate('b');
  rulesFile = path.join(dir, 'rules.json');
  fs.writeFileSync(rulesFile, JSON.stringify({ version: 1, rules: [ACTING_RULE] }));
  host = await serveWith('a');
  port = Number(new URL(host.url).port);
}, 120_000);

afterAll(async () => {
  await endAllOwned();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Connect to machine… against a real host over TLS', () => {
  it('probe shows the certificate openssl made (fingerprint, subject, issuer), and nothing is pinned yet', async () => {
    const { handlers } = harness();
    const probed = await handlers.probeMachine({ url: host.url });
    expect(certs.a.fingerprint).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/);
    expect(probed).toEqual({ ok: true, probe: { url: host.url, fingerprint: certs.a.fingerprint, subject: 'test-host-a', issuer: 'test-host-a', pinnedFingerprint: null } });
  });

  it('a wrong token is refused as UNAUTHORIZED and nothing is saved', async () => {
    const { handlers, store, view, tokenFile } = harness();
    const result = await handlers.connectMachine({ url: host.url, name: 'build-server', fingerprint: certs.a.fingerprint, token: WRONG_TOKEN });
    expect(result).toEqual({ ok: false, code: 'UNAUTHORIZED', message: TOKEN_REFUSED_MESSAGE });
    expect(result.ok ? '' : result.message).toMatch(/^the host refused the token/);
    expect(store.list()).toEqual([]);
    expect(fs.existsSync(tokenFile)).toBe(false);
    expect(view.shown).toBeNull();
  });

  it('connects with the accepted fingerprint: the host’s rows reach the page whole, the machine is pinned, its token kept only sealed', async () => {
    const { handlers, store, view, pushed, tokenFile } = harness();
    const before = pushed.length;
    expect(await handlers.connectMachine({ url: host.url, name: 'build-server', fingerprint: certs.a.fingerprint, token: VIEW_TOKEN })).toEqual({ ok: true });
    expect(view.shown).toMatchObject({ name: 'build-server', url: host.url, fingerprint: certs.a.fingerprint, state: 'connected', message: null, hasControlToken: false });
    // The first snapshot after the switch is whole, and it is the host's: its own process is a row.
    await waitUntil(() => wholeSnapshotPids(pushed, before).length > 0, 20_000, 'a whole snapshot from the host');
    expect(wholeSnapshotPids(pushed, before)[0]).toContain(host.child.pid);
    expect(await handlers.probeMachine({ url: host.url })).toMatchObject({ ok: true, probe: { pinnedFingerprint: certs.a.fingerprint } });
    // A query goes to the host too (its recent series), not to this computer.
    expect(await view.answerQuery({ kind: 'recentSeries' })).toMatchObject({ ok: true, kind: 'recentSeries' });
    // The token file: 0600, and the token only as the fake safeStorage's marked output.
    const text = fs.readFileSync(tokenFile, 'utf8');
    expect(text).not.toContain(VIEW_TOKEN);
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    const sealed = Object.values((JSON.parse(text) as { tokens: Record<string, { token: string }> }).tokens).map((kept) => Buffer.from(kept.token, 'base64').toString());
    expect(sealed).toEqual([expect.stringMatching(new RegExp(`^${SEALED}`))]);
    expect(fs.readFileSync(path.join(path.dirname(tokenFile), 'machines.json'), 'utf8')).not.toContain(VIEW_TOKEN);
    const [saved] = store.list();
    expect(store.tokensOf(saved?.id ?? '')).toEqual({ token: VIEW_TOKEN, controlToken: null });
    view.showLocal();
    expect(view.shown).toBeNull();
    expect(pushed.at(-1)).toMatchObject({ type: 'snapshot', snapshot: { seq: 1 } });
  });

  it('a view-only token tries every command through the switched source: the host’s 403 each time, desktop-only ones refused here', async () => {
    const { handlers, view } = harness();
    expect(await handlers.connectMachine({ url: host.url, name: 'viewer', fingerprint: certs.a.fingerprint, token: VIEW_TOKEN })).toEqual({ ok: true });
    const target = { pid: host.child.pid ?? 1, startTimeMs: 1 };
    const examples: { [N in CommandName]: CommandArgs<N> } = {
      kill: target,
      killTree: target,
      killApp: { appId: 'app', members: [target] },
      suspend: target,
      resume: target,
      setPriority: { ...target, priority: 'idle' },
      setAffinity: { ...target, cpus: [0] },
      setEfficiencyMode: { ...target, enabled: true },
      openFileLocation: target,
      openProperties: target,
      createDumpFile: { ...target, path: path.join(dir, 'x.dmp') },
      runNewTask: { commandLine: 'true' },
      restartExplorer: {},
      setCollectorSettings: { intervalMs: 500 },
      deleteHistory: { scope: 'everything' },
      setHistorySettings: { isRecordingOthersCommandLines: true },
      putRule: { rule: { ...ACTING_RULE, id: 'another' } },
      deleteRule: { id: ACTING_RULE.id },
      keepSuspended: { alertId: 'alert-1', ...target },
      enableStartup: { id: 'entry' },
      disableStartup: { id: 'entry' },
      openStartupLocation: { id: 'entry' },
      openStartupProperties: { id: 'entry' },
      startService: { name: 'cron.service' },
      stopService: { name: 'cron.service' },
      restartService: { name: 'cron.service' },
    };
    const answers: [string, string][] = [];
    for (const name of Object.keys(commandSchemas) as CommandName[]) {
      const result: CommandResult = await (view.handlers[name] as (args: unknown) => Promise<CommandResult>)(examples[name]);
      answers.push([name, result.ok ? 'ok' : `${result.code}: ${result.message}`]);
    }
    const expected = (name: CommandName): RegExp =>
      DESKTOP_ONLY_COMMANDS.has(name)
        ? /^UNSUPPORTED: .* works on this computer only: .* on viewer$/
        : // The page's update speed is what this window receives from that host (the stream's `view`): not a command to it.
          name === 'setCollectorSettings'
          ? /^ok$/
          : /^CONTROL_DISABLED: /;
    for (const [name, answer] of answers) expect(answer, name).toMatch(expected(name as CommandName));
    expect(answers.filter(([, answer]) => answer.includes(LOCAL_ONLY))).toEqual([]);
    // Process icons are this computer's only.
    expect(view.refuseBeforeAsking('getProcessIcon')).toMatchObject({ ok: false, code: 'UNSUPPORTED', message: expect.stringMatching(/for this computer only, not for viewer/) });
    expect(view.refuseBeforeAsking('runNewTask')).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
    expect(view.refuseBeforeAsking('kill')).toBeNull();
    view.close();
  });

  it('a host that goes away is shown unreachable, and the view recovers by itself when it comes back', async () => {
    const { handlers, view, pushed } = harness();
    expect(await handlers.connectMachine({ url: host.url, name: 'build-server', fingerprint: certs.a.fingerprint, token: VIEW_TOKEN })).toEqual({ ok: true });
    await host.end();
    await waitUntil(() => view.shown?.state === 'unreachable', 20_000, 'the view to go unreachable');
    expect(view.shown?.message).toMatch(/build-server/);
    const before = pushed.length;
    host = await serveWith('a', port);
    await waitUntil(() => view.shown?.state === 'connected', 60_000, 'the view to reconnect');
    await waitUntil(() => wholeSnapshotPids(pushed, before).length > 0, 20_000, 'a whole snapshot from the restarted host');
    expect(wholeSnapshotPids(pushed, before)[0]).toContain(host.child.pid);
    view.close();
  }, 120_000);

  it('a changed certificate is refused with the plain message, and nothing of ours is sent', async () => {
    const { handlers, view } = harness();
    expect(await handlers.connectMachine({ url: host.url, name: 'build-server', fingerprint: certs.a.fingerprint, token: VIEW_TOKEN })).toEqual({ ok: true });
    await host.end();
    host = await serveWith('b', port);
    await waitUntil(() => view.shown?.state === 'refused', 60_000, 'the changed certificate to be refused');
    expect(view.shown?.message).toBe(
      `the certificate of build-server changed since you connected: its fingerprint is now ${certs.b.fingerprint} — if you did not change it, someone may be in between; Forget the machine and connect again to trust the new one`,
    );
    // Connecting again with the old fingerprint: refused, and a TLS server with the new certificate receives not one byte.
    const received: number[] = [];
    let closed = 0;
    const impostor = tls.createServer({ key: fs.readFileSync(certs.b.key), cert: fs.readFileSync(certs.b.cert) }, (socket) => {
      socket.on('data', (chunk: Buffer) => received.push(chunk.length));
      socket.on('error', () => undefined);
    });
    // The TCP connection's end (the TLS one may never finish on this side: the client leaves at its own end of the handshake).
    impostor.on('connection', (raw: net.Socket) => raw.on('close', () => (closed += 1)));
    impostor.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const address = impostor.address();
    const impostorUrl = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const fresh = harness();
    const result = await fresh.handlers.connectMachine({ url: impostorUrl, name: 'impostor', fingerprint: certs.a.fingerprint, token: VIEW_TOKEN });
    expect(result).toMatchObject({ ok: false, code: 'ACCESS_DENIED', message: expect.stringContaining(`its fingerprint is now ${certs.b.fingerprint}`) });
    await waitUntil(() => closed > 0, 10_000, 'the impostor’s connection to close');
    expect(received).toEqual([]);
    expect(fresh.store.list()).toEqual([]);
    await new Promise((resolve) => impostor.close(resolve));
    view.close();
  }, 120_000);
});
