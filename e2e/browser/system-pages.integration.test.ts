/**
 * Startup apps, Services and Users in Chromium through a view-only host (no --allow-control), on
 * facts this test made: three autostart files in a temporary XDG_CONFIG_HOME / XDG_CONFIG_DIRS, and
 * the fake system bus (src-main/test-support/fake-system-bus.ts: a private dbus-daemon with systemd
 * and logind stand-ins, the same on every machine). Each page lists its rows, sorts, searches;
 * Disable and Stop are refused with the host's plain words (and Disable writes nothing); Users has
 * the row of the user running this test opened to the host's own process, and logind's sessions
 * under their user. Screenshots: test-results/screenshots/startup-apps.png, services.png, users.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsersView } from '../../src-shared/users.ts';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { endAllOwned } from '../../src-main/test-support/child-processes.ts';
import { startFakeSystemBus, type FakeSystemBus } from '../../src-main/test-support/fake-system-bus.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

const TOKEN = 'system-pages-e2e-token-0123456789';
const ARTIFACTS = path.resolve('test-results', 'screenshots');
const CONTROL_DISABLED = 'this host was started without --allow-control: it only shows, it does not act';
// Unique names: another run's leftovers or the machine's own entries never match them.
const TAG = `e2e-startup-${process.pid}`;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'system-pages-e2e-'));
const configHome = path.join(scratch, 'config');
const systemDir = path.join(scratch, 'xdg');
let bus: FakeSystemBus;
let host: ServeProcess;
let browser: Browser;
let page: Page;

function desktopFile(dir: string, file: string, name: string, exec: string) {
  fs.mkdirSync(path.join(dir, 'autostart'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'autostart', file), ['[Desktop Entry]', 'Type=Application', `Name=${name}`, `Exec=${exec}`, ''].join('\n'));
}

/** Every file under the config folders with its bytes: what a refused Disable must leave as it was. */
function configFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of [configHome, systemDir]) {
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files[path.join(entry.parentPath, entry.name)] = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    }
  }
  return files;
}

const api = async <T>(route: string): Promise<T> => (await (await fetch(`${host.url}${route}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as T;

beforeAll(async () => {
  desktopFile(configHome, `${TAG}-alpha.desktop`, `${TAG} Alpha`, '/bin/true alpha');
  desktopFile(configHome, `${TAG}-beta.desktop`, `${TAG} Beta`, '/bin/true beta --quiet');
  desktopFile(systemDir, `${TAG}-gamma.desktop`, `${TAG} Gamma`, '/bin/true gamma');
  bus = await startFakeSystemBus();
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '500'], {
    XDG_CONFIG_HOME: configHome,
    XDG_CONFIG_DIRS: systemDir,
    DBUS_SYSTEM_BUS_ADDRESS: bus.address,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.openLine.replace(/^open /, ''));
  await page.getByRole('grid', { name: 'Processes' }).waitFor();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await host?.end();
  await bus?.stop();
  await endAllOwned();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const search = () => page.getByRole('searchbox', { name: 'Search' });
/** The first cell of each data row, the tree's expander (hidden from assistive technology) left out. */
const firstCells = (grid: ReturnType<Page['getByRole']>) =>
  async () => (await grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"]) [role="gridcell"]:first-child').allTextContents()).map((t) => t.replace(/^[▸▾]/, '').trim());

describe('the Startup apps page', () => {
  const grid = () => page.getByRole('grid', { name: 'Startup apps' });
  const names = () => firstCells(grid())();

  it('lists the autostart entries, user and system, by name', async () => {
    await page.getByRole('tab', { name: 'Startup apps' }).click();
    await grid().waitFor();
    await search().fill(TAG);
    await expect.poll(names, { timeout: 15_000 }).toEqual([`${TAG} Alpha`, `${TAG} Beta`, `${TAG} Gamma`]);
    const gamma = grid().getByRole('row').filter({ hasText: `${TAG} Gamma` });
    expect(await gamma.textContent()).toContain('Autostart (system)');
    expect(await gamma.textContent()).toContain('Enabled');
    await page.screenshot({ path: path.join(ARTIFACTS, 'startup-apps.png') });
  });

  it('sorts by a header (aria-sort turns) and searches the command', async () => {
    const name = grid().getByRole('columnheader', { name: 'Name', exact: true });
    expect(await name.getAttribute('aria-sort')).toBe('ascending');
    await name.getByRole('button').click();
    await expect.poll(() => name.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(names).toEqual([`${TAG} Gamma`, `${TAG} Beta`, `${TAG} Alpha`]);
    await search().fill('beta --quiet');
    await expect.poll(names).toEqual([`${TAG} Beta`]);
  });

  it('Disable over a view-only host is refused in the host’s plain words, and nothing is written', async () => {
    const before = configFiles();
    await grid().getByRole('row').filter({ hasText: `${TAG} Beta` }).click();
    // By keyboard: the context menu from Shift+F10, Disable chosen with the arrows and Enter.
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: 'Startup apps' });
    await menu.waitFor();
    await page.keyboard.press('Enter'); // Enable is disabled for an enabled entry: the menu opens on Disable
    await expect.poll(() => page.getByRole('alert').textContent()).toContain(`Disable failed: ${CONTROL_DISABLED}`);
    expect(configFiles()).toEqual(before);
  });
});

describe('the Services page', () => {
  const grid = () => page.getByRole('grid', { name: 'Services' });
  const names = () => firstCells(grid())();

  it('lists systemd’s services (not its other units), by name', async () => {
    await page.getByRole('tab', { name: 'Services' }).click();
    await grid().waitFor();
    await expect.poll(names, { timeout: 15_000 }).toContain('ssh.service');
    const listed = await names();
    expect(listed).toEqual(expect.arrayContaining(['app-backend.service', 'bluetooth.service', 'broken.service', 'postgresql.service', 'rsync.service', 'stuck.service', 'unused.service']));
    expect(listed).not.toContain('getty@.service'); // a template's unit file: no service of its own
    expect(listed).not.toContain('multi-user.target');
    expect(listed).toEqual([...listed].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
    expect(await grid().getByRole('columnheader').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')))).toEqual(['Name', 'PID', 'Description', 'Status', 'Start type', 'Group']);
    const rsync = grid().getByRole('row').filter({ hasText: 'rsync.service' });
    expect(await rsync.textContent()).toContain('Stopped');
    await page.screenshot({ path: path.join(ARTIFACTS, 'services.png') });
  });

  it('sorts by Name the other way and searches', async () => {
    const name = grid().getByRole('columnheader', { name: 'Name', exact: true });
    await name.getByRole('button').click();
    await expect.poll(() => name.getAttribute('aria-sort')).toBe('descending');
    const listed = await names();
    expect(listed).toEqual([...listed].sort((a, b) => b.localeCompare(a, undefined, { numeric: true, sensitivity: 'base' })));
    await search().fill('postgres');
    await expect.poll(names).toEqual(['postgresql.service']);
  });

  it('Stop over a view-only host is refused in the host’s plain words', async () => {
    await search().fill('ssh.service');
    await grid().getByRole('row').filter({ hasText: 'ssh.service' }).click();
    await page.getByRole('toolbar', { name: 'Services tools' }).getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain(`Stop failed: ${CONTROL_DISABLED}`);
    await expect.poll(() => grid().getByRole('row').filter({ hasText: 'ssh.service' }).textContent()).toContain('Running');
  });
});

describe('the Users page', () => {
  const grid = () => page.getByRole('treegrid', { name: 'Users' });
  const user = os.userInfo().username;

  it('has the row of the user running this test, opened to the host’s own process', async () => {
    const { sessionsUnavailableReason } = await api<UsersView>('/api/users');
    expect(sessionsUnavailableReason).toBeNull(); // logind's stand-in answers
    await page.getByRole('tab', { name: 'Users' }).click();
    await grid().waitFor();
    const own = grid().getByRole('row').filter({ hasText: new RegExp(`^[▸▾]?${user} \\(\\d+\\)`) });
    await expect.poll(() => own.count(), { timeout: 15_000 }).toBe(1);
    await own.click();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => own.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => grid().getByRole('row').filter({ hasText: `(PID ${host.child.pid})` }).count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'users.png') });
  });

  it('lists logind’s sessions under their user, a user with no visible process included', async () => {
    await search().fill('alice');
    const alice = grid().getByRole('row').filter({ hasText: /alice \(0\)/ });
    await expect.poll(() => alice.count(), { timeout: 15_000 }).toBe(1);
    expect(await alice.textContent()).toContain('Active');
    await alice.click();
    await expect.poll(() => page.getByRole('region', { name: 'Sessions of alice' }).textContent()).toContain('Session 2: Active');
    await search().fill('');
  });

  it('sorts by User and searches by a process', async () => {
    const header = grid().getByRole('columnheader', { name: 'User', exact: true });
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const names = await firstCells(grid())();
    const users = names.filter((n) => /\(\d[\d,]*\)$/.test(n) && !n.includes('(PID'));
    const known = users.filter((n) => !n.startsWith('Unknown ('));
    expect(known).toEqual([...known].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })));
    await search().fill(String(host.child.pid));
    await expect.poll(firstCells(grid())).toContain(`node (PID ${host.child.pid})`);
  });
});
