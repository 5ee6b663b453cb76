/**
 * The desktop app's page looking at another machine, in Debian's Chromium: the real built page,
 * served by a host, with a stand-in for the Electron preload (`window.taskManager`, set before the
 * page's script runs) that answers the shell commands and pushes what main would (the shell state,
 * whole snapshots). Driven by keyboard and by name: the switcher, the bar and the title, the rows of
 * the machine shown only, and Connect to machine… up to the arguments it sends. Screenshots of the
 * bar and the certificate go to test-results/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_SHELL_STATE } from '../../src-shared/browser-shell-state.ts';
import type { SavedMachine } from '../../src-shared/machines.ts';
import type { ShellState } from '../../src-shared/shell.ts';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { endAllOwned } from '../../src-main/test-support/child-processes.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

const TOKEN = 'machines-e2e-token-0123456789';
const ARTIFACTS = path.resolve('test-results', 'screenshots');
const FINGERPRINT = Array.from({ length: 32 }, (_, i) => ((i * 37 + 11) % 256).toString(16).toUpperCase().padStart(2, '0')).join(':');
const buildServer: SavedMachine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: FINGERPRINT, color: '#c62828', hasControlToken: true };
const nas: SavedMachine = { id: 'm2', name: 'nas', url: 'https://nas.lan:8737', fingerprint: FINGERPRINT, color: '#2e7d32', hasControlToken: false };
const desktop: ShellState = { ...BROWSER_SHELL_STATE, isDesktopApp: true, platform: 'linux', machines: [buildServer, nas] };
const localRows = snapshot({ seq: 5, processes: [processRow({ pid: 101, name: 'local-editor' }), processRow({ pid: 102, name: 'local-shell' })] });
const remoteRows = snapshot({ seq: 5, processes: [processRow({ pid: 201, name: 'remote-compiler' })] });

let host: ServeProcess;
let browser: Browser;
let page: Page;

/** The stand-in preload: every method the page calls; the test drives it through `window.fakeMain`. */
function installFakePreload(initial: { shell: unknown; snapshot: unknown; probe: unknown }) {
  type Listener = (value: unknown) => void;
  const listeners: Record<string, Set<Listener>> = {};
  const latest: Record<string, unknown> = {
    shell: initial.shell,
    snapshot: { type: 'snapshot', snapshot: initial.snapshot },
    connection: { state: 'connected', message: null, sinceMs: Date.now() },
    status: { state: 'up', restarts: 0, message: null, sinceMs: Date.now() },
  };
  const calls: { name: string; args: unknown }[] = [];
  const push = (kind: string, value: unknown) => {
    latest[kind] = value;
    for (const listener of listeners[kind] ?? []) listener(value);
  };
  const on = (kind: string) => (listener: Listener) => {
    (listeners[kind] ??= new Set()).add(listener);
    if (latest[kind] !== undefined) listener(latest[kind]);
    return () => listeners[kind]?.delete(listener);
  };
  const answers: Record<string, (args: unknown) => unknown> = {
    query: () => ({ ok: false, code: 'HISTORY_OFF', message: 'history is off in this test' }),
    getProcessIcon: () => ({ ok: true, dataUrl: null }),
    probeMachine: () => ({ ok: true, probe: initial.probe }),
  };
  const api = new Proxy(
    {
      onSnapshotMessage: on('snapshot'),
      onShellState: on('shell'),
      onConnection: on('connection'),
      onStatus: on('status'),
      onBroadcast: on('broadcast'),
    } as Record<string, unknown>,
    {
      get: (target, name) =>
        typeof name !== 'string' || name === 'then'
          ? undefined
          : (target[name] ??
            (async (args: unknown) => {
              calls.push({ name, args });
              return answers[name]?.(args) ?? { ok: true };
            })),
    },
  );
  Object.assign(window, { taskManager: api, fakeMain: { push, calls } });
}

beforeAll(async () => {
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '1000']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const probe = { url: buildServer.url, fingerprint: FINGERPRINT, subject: 'build-server.lan', issuer: 'build-server.lan', pinnedFingerprint: null };
  await page.addInitScript(installFakePreload, { shell: desktop, snapshot: localRows, probe });
  await page.goto(host.openLine.replace(/^open /, ''));
  await page.getByRole('grid', { name: 'Processes' }).waitFor();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await host?.end();
  await endAllOwned();
});

const push = (kind: string, value: unknown) => page.evaluate(([k, v]) => (window as unknown as { fakeMain: { push(k: string, v: unknown): void } }).fakeMain.push(k, v), [kind, value] as const);
const callsOf = (name: string) =>
  page.evaluate((n) => (window as unknown as { fakeMain: { calls: { name: string; args: unknown }[] } }).fakeMain.calls.filter((c) => c.name === n).map((c) => c.args), name);
const rowNamed = (name: string) => page.getByRole('grid', { name: 'Processes' }).locator('[role="row"][aria-selected]').filter({ hasText: name });

describe('the desktop page looking at another machine (Chromium, stand-in preload)', () => {
  it('switches by keyboard; the bar, its colour and the title name the machine; only its rows are shown', async () => {
    await rowNamed('local-editor').waitFor();
    expect(await page.title()).toBe('Task Manager');
    const switcher = page.getByRole('button', { name: 'Machine: This computer' });
    await switcher.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('menu', { name: 'Machine: This computer' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => callsOf('showMachine')).toEqual([{ id: 'm1' }]);

    // What main pushes: the shell state naming the machine (connecting), then its whole snapshot.
    await push('shell', { ...desktop, shownMachine: { ...buildServer, state: 'connecting', message: null } });
    const bar = page.locator('.machine-bar');
    await expect.poll(() => bar.textContent()).toBe('Viewing build-server (https://build-server:8737)connecting…');
    expect(await rowNamed('local-editor').count()).toBe(0);
    await push('shell', { ...desktop, shownMachine: { ...buildServer, state: 'connected', message: null } });
    await push('snapshot', { type: 'snapshot', snapshot: remoteRows });
    await rowNamed('remote-compiler').waitFor();
    expect(await rowNamed('local-').count()).toBe(0);
    expect(await page.title()).toBe('Task Manager — build-server');
    expect(await bar.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual(['rgb(198, 40, 40)', 'rgb(255, 255, 255)']);
    expect(await page.getByRole('button', { name: 'Machine: build-server' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'machine-bar.png') });

    await push('shell', { ...desktop, shownMachine: { ...buildServer, state: 'unreachable', message: 'the host does not answer (connect ECONNREFUSED)' } });
    await expect.poll(() => bar.textContent()).toContain('unreachable: the host does not answer (connect ECONNREFUSED)');
    // The same machine: its rows stay while main reconnects.
    expect(await rowNamed('remote-compiler').count()).toBe(1);
  });

  it('Connect to machine…: the address checked as typed, the certificate in full, and Trust sends what was seen', async () => {
    await page.getByRole('button', { name: /^Machine:/ }).click();
    await page.getByRole('menuitem', { name: 'Connect to machine…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect to machine' });
    await dialog.waitFor();
    const address = dialog.getByLabel('Address');
    await address.fill('http://build-server:8737');
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('a host on another computer must use https://, or its token would cross the network in clear').waitFor();
    await address.fill('https://build-server:8737');
    expect(await address.getAttribute('aria-invalid')).toBeNull();
    await dialog.getByLabel('Token', { exact: true }).fill('view-token-0123456789abcdef');
    await page.keyboard.press('Enter');
    const lines = dialog.locator('.fingerprint > span');
    await expect.poll(() => lines.allTextContents()).toHaveLength(4);
    expect((await lines.allTextContents()).join(':')).toBe(FINGERPRINT);
    expect(await dialog.locator('.fingerprint').evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono|Consolas/i);
    await page.screenshot({ path: path.join(ARTIFACTS, 'connect-machine-certificate.png') });
    await dialog.getByRole('button', { name: 'Trust and connect' }).click();
    await expect.poll(() => callsOf('connectMachine')).toEqual([{ url: 'https://build-server:8737', name: 'build-server', fingerprint: FINGERPRINT, token: 'view-token-0123456789abcdef' }]);
    await dialog.waitFor({ state: 'detached' });
  });
});
