/**
 * The app in the real Electron binary, driven through playwright-core's `_electron`, as a user
 * would: the window opens on app://, the three tabs render, and a process this test started is
 * found by search and ended through the UI (End task, then confirm) — and is gone from the OS.
 *
 * Runs where the Electron binary exists (the Windows workflow: `npm run build:app`, then
 * `npm run test:electron`), against the unfused dev build (`electron .`): `_electron` passes
 * --inspect=0, which the packaged app's fuses refuse. Never runs on the Linux CI machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endAllOwned, spawnOwned, waitForLine } from '../../src-main/test-support/child-processes.ts';

const root = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(root, 'test-results', 'screenshots');
let scratch = '';
let app: ElectronApplication;
let page: Page;

beforeAll(async () => {
  for (const bundle of ['dist/main/main.js', 'dist/preload/preload.cjs', 'dist/collector/collector-process.js', 'dist/renderer/index.html']) {
    if (!fs.existsSync(path.join(root, bundle))) throw new Error(`${bundle} is missing: run npm run build:app first`);
  }
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-electron-e2e-'));
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  app = await _electron.launch({
    args: ['.'],
    cwd: root,
    // Its own user data (and so its own single-instance lock): an installed copy running on the
    // same machine must not absorb this instance.
    env: { ...env, TASKMGR_DISABLE_UPDATES: '1', ELECTRON_ENABLE_LOGGING: '1', TASKMGR_USER_DATA_DIR: path.join(scratch, 'user-data') },
    timeout: 60_000,
  });
  page = await app.firstWindow();
  await page.getByRole('grid', { name: 'Processes' }).waitFor({ timeout: 60_000 });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await app?.close();
  await endAllOwned();
  if (scratch !== '') fs.rmSync(scratch, { recursive: true, force: true });
});

/** Whether a process with this pid exists (signal 0 checks without acting, on Windows too). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe('the Electron window', () => {
  it('opens the UI from app:// with no Node in the page and the API from the preload', async () => {
    expect(page.url()).toMatch(/^app:\/\/taskmgr\//);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { taskManager?: unknown }).taskManager)).toBe('object');
    expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true);
  });

  it('renders the Processes, Apps and Performance tabs, each showing its content', async () => {
    for (const name of ['Processes', 'Apps', 'Performance']) {
      await page.getByRole('tab', { name, exact: true }).click();
      await expect.poll(() => page.getByRole('tab', { name, exact: true }).getAttribute('aria-selected')).toBe('true');
      await page.screenshot({ path: path.join(ARTIFACTS, `electron-tab-${name.toLowerCase()}.png`) });
    }
    await page.getByRole('tab', { name: 'Apps', exact: true }).click();
    await expect.poll(() => page.getByRole('treegrid', { name: 'Apps' }).count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('tab', { name: 'Processes' }).click();
    await page.getByRole('grid', { name: 'Processes' }).waitFor();
  });

  it('finds a busy process the test started by search, ends it through End task and the confirmation, and the OS has no such process any more', async () => {
    // A copy of node under a name of its own, so the row is this process and no other.
    const name = `taskmgr-e2e-busy${process.platform === 'win32' ? '.exe' : ''}`;
    const exe = path.join(scratch, name);
    fs.copyFileSync(process.execPath, exe);
    fs.chmodSync(exe, 0o755);
    const child = spawnOwned(exe, ['-e', 'console.log("ready"); for (;;) {}'], { windowsHide: true });
    await waitForLine(child, /ready/);
    const pid = child.pid ?? 0;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

    await page.getByRole('searchbox', { name: 'Search' }).fill('taskmgr-e2e-busy');
    const row = page.getByRole('grid', { name: 'Processes' }).getByRole('row').filter({ hasText: 'taskmgr-e2e-busy' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 10_000 }).toContain(String(pid));

    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'End task' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`(PID ${pid})`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'electron-end-task-confirm.png') });
    await dialog.getByRole('button', { name: 'End task' }).click();

    await exited;
    expect(isAlive(pid)).toBe(false);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
  });
});
