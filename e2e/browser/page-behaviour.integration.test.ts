/**
 * What the page does around the table, in Chromium through a host started with --allow-control,
 * on processes this test started (and only those): each page's own update speed (one page pausing
 * never freezes another, a new page applies the saved choice, Ctrl held holds the view), Ctrl+Tab,
 * Settings closing on an outside click, High priority asking first, messages that go with their
 * cause, and the banner that tells a collector that is down from a host that is gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessRow } from '../../src-shared/snapshot.ts';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { endAllOwned, spawnOwned, waitUntil } from '../../src-main/test-support/child-processes.ts';
import { childrenOf, stateLetter } from '../../src-main/test-support/proc-truth.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

/** The control token: the page is opened with the host's `control` link, and acts. */
const TOKEN = 'page-behaviour-e2e-token-0123456789';
const ARTIFACTS = path.resolve('test-results', 'screenshots');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'page-behaviour-e2e-'));
let host: ServeProcess;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  host = await startServe(['--port', '0', '--interval-ms', '500', '--allow-control'], { TASKMGR_CONTROL_TOKEN: TOKEN });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await host?.end();
  await endAllOwned();
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function openPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto((host.controlLine ?? '').replace(/^control /, ''));
  await page.getByRole('grid', { name: 'Processes' }).waitFor();
  return page;
}

/** A copy of sleep under a name of its own, started by this test. */
function startOwn(name: string) {
  const exe = path.join(scratch, name);
  fs.copyFileSync('/bin/sleep', exe);
  fs.chmodSync(exe, 0o755);
  return spawnOwned(exe, ['600']);
}

/** A data row (the empty-search row, which quotes the query, has no aria-selected). */
const rowOf = (page: Page, name: string) => page.getByRole('grid', { name: 'Processes' }).locator('[role="row"][aria-selected]').filter({ hasText: name });
const speedReadout = (page: Page) => page.locator('.status-speed');

/** Whether the host itself (its HTTP API) lists a process of this pid: it has been sampled. */
async function hostHas(pid: number): Promise<boolean> {
  const response = await fetch(`${host.url}/api/processes`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  const body = (await response.json()) as { processes?: ProcessRow[] } | ProcessRow[];
  const rows = Array.isArray(body) ? body : (body.processes ?? []);
  return rows.some((p) => p.pid === pid);
}

async function chooseSpeed(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name }).check();
  await page.keyboard.press('Escape');
}

/** The nice value of a process (field 19 of /proc/<pid>/stat). */
function niceOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[16]);
}

describe('update speed belongs to each page', () => {
  it('one page pausing does not freeze another; each says the speed it gets; a new page applies the saved choice', async () => {
    const a = await openPage();
    const b = await openPage();
    await chooseSpeed(a, 'Paused');
    await expect.poll(() => speedReadout(a).textContent()).toBe('Updates paused');
    await expect.poll(() => speedReadout(b).textContent(), { timeout: 10_000 }).toBe('Updates every 1 s');

    const child = startOwn('e2e-after-pause');
    await a.getByRole('searchbox', { name: 'Search' }).fill('e2e-after-pause');
    await b.getByRole('searchbox', { name: 'Search' }).fill('e2e-after-pause');
    // B, still live, shows the process; A, paused, does not, though the host has it.
    await expect.poll(() => rowOf(b, 'e2e-after-pause').count(), { timeout: 10_000 }).toBe(1);
    expect(await rowOf(b, 'e2e-after-pause').textContent()).toContain(String(child.pid));
    await a.waitForTimeout(1500); // three more ticks reach B
    expect(await rowOf(a, 'e2e-after-pause').count()).toBe(0);

    // A page opened now applies the saved choice (Paused) on load, and shows what it was opened on.
    const c = await openPage();
    await expect.poll(() => speedReadout(c).textContent()).toBe('Updates paused');
    await c.getByRole('button', { name: 'Settings' }).click();
    expect(await c.getByRole('radio', { name: 'Paused' }).isChecked()).toBe(true);
    await c.keyboard.press('Escape');
    expect(await c.getByRole('grid', { name: 'Processes' }).getAttribute('aria-rowcount')).not.toBe('1');

    // A back to Normal: it catches up at once.
    await chooseSpeed(a, 'Normal (1 s)');
    await expect.poll(() => rowOf(a, 'e2e-after-pause').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => speedReadout(a).textContent(), { timeout: 10_000 }).toBe('Updates every 1 s');
    await a.screenshot({ path: path.join(ARTIFACTS, 'page-speed-live.png') });
    for (const page of [a, b, c]) await page.close();
  });

  it('holding Ctrl holds the view, as in Task Manager; letting go shows the latest', async () => {
    const page = await openPage();
    await page.getByRole('searchbox', { name: 'Search' }).fill('e2e-while-held');
    await page.getByRole('grid', { name: 'Processes' }).focus();
    await page.keyboard.down('Control');
    await expect.poll(() => speedReadout(page).textContent()).toBe('Updates held while Ctrl is down');
    const child = startOwn('e2e-while-held');
    const deadline = Date.now() + 10_000;
    while (!(await hostHas(child.pid ?? 0))) {
      if (Date.now() > deadline) throw new Error('the host never listed the process');
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(1500); // two more ticks reach the page, held
    expect(await rowOf(page, 'e2e-while-held').count()).toBe(0);
    await page.keyboard.up('Control');
    await expect.poll(() => rowOf(page, 'e2e-while-held').count(), { timeout: 5_000 }).toBe(1);
    await page.close();
  });
});

describe('keys and popovers', () => {
  it('Ctrl+Tab and Ctrl+Shift+Tab switch tabs; Settings and Columns close on a click outside them', async () => {
    const page = await openPage();
    const selected = async () => page.getByRole('tab', { selected: true }).textContent();
    expect(await selected()).toBe('Processes');
    await page.keyboard.press('Control+Tab');
    await expect.poll(selected).toBe('Apps');
    await page.keyboard.press('Control+Tab');
    await expect.poll(selected).toBe('Performance');
    await page.keyboard.press('Control+Tab');
    await expect.poll(selected).toBe('App history');
    for (const next of ['Startup apps', 'Services', 'Users', 'Processes']) {
      await page.keyboard.press('Control+Tab');
      await expect.poll(selected).toBe(next);
    }
    await page.keyboard.press('Control+Shift+Tab');
    await expect.poll(selected).toBe('Users');
    await page.getByRole('tab', { name: 'Processes' }).click();

    await page.getByRole('button', { name: 'Settings' }).click();
    const popover = page.getByRole('group', { name: 'Settings' });
    expect(await popover.count()).toBe(1);
    await page.getByRole('grid', { name: 'Processes' }).click({ position: { x: 200, y: 200 } });
    await expect.poll(() => popover.count()).toBe(0);

    // The Columns menu alike; Escape closes it from its button too and leaves the focus there.
    const columnsButton = page.getByRole('button', { name: 'Columns' });
    const columns = page.getByRole('group', { name: 'Columns' });
    await columnsButton.click();
    expect(await columns.count()).toBe(1);
    await page.getByRole('grid', { name: 'Processes' }).click({ position: { x: 200, y: 200 } });
    await expect.poll(() => columns.count()).toBe(0);
    await columnsButton.click();
    await page.keyboard.press('Escape');
    await expect.poll(() => columns.count()).toBe(0);
    expect(await columnsButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.close();
  });
});

describe('actions', () => {
  it('High priority asks first with Task Manager’s warning, from a labelled submenu; Cancel changes nothing', async () => {
    const page = await openPage();
    const child = startOwn('e2e-priority');
    const pid = child.pid ?? 0;
    await page.getByRole('searchbox', { name: 'Search' }).fill('e2e-priority');
    const row = rowOf(page, 'e2e-priority');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    const niceBefore = niceOf(pid);
    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Set priority/ }).click();
    const submenu = page.getByRole('menu', { name: 'Set priority' });
    await submenu.waitFor();
    expect(await submenu.getByRole('menuitem', { name: /Back/ }).count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'priority-submenu.png') });
    await submenu.getByRole('menuitemradio', { name: 'High' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Do you want to change the priority of e2e-priority (PID ${pid})?`);
    expect(await dialog.textContent()).toContain('could cause system instability');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(niceOf(pid)).toBe(niceBefore);

    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Set priority/ }).click();
    await page.getByRole('menu', { name: 'Set priority' }).getByRole('menuitemradio', { name: 'High' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Change priority' }).click();
    await waitUntil(() => niceOf(pid) < niceBefore, 5_000, 'a higher priority');
    await page.close();
  });

  it('the Suspended toast goes when its process is resumed, and the next action replaces it', async () => {
    const page = await openPage();
    const child = startOwn('e2e-toast');
    const pid = child.pid ?? 0;
    await page.getByRole('searchbox', { name: 'Search' }).fill('e2e-toast');
    const row = rowOf(page, 'e2e-toast');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Suspend' }).click();
    await waitUntil(() => stateLetter(pid) === 'T', 5_000, 'state T');
    const toast = page.locator('.toast');
    await expect.poll(() => toast.textContent()).toContain('Suspended e2e-toast');
    // Resumed from the menu, not the toast's Undo: the toast has nothing left to undo.
    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Resume' }).click();
    await waitUntil(() => stateLetter(pid) === 'S', 5_000, 'state S');
    await expect.poll(() => toast.count(), { timeout: 5_000 }).toBe(0);
    await page.close();
  });
});

describe('when the collector or the host goes away', () => {
  it('says which one failed, floats over the page without moving it, dims the old figures, and clears “not connected” once back', async () => {
    const page = await openPage();
    const child = startOwn('e2e-banner');
    await page.getByRole('searchbox', { name: 'Search' }).fill('e2e-banner');
    const row = rowOf(page, 'e2e-banner');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    const grid = page.getByRole('grid', { name: 'Processes' });
    const gridTop = (await grid.boundingBox())?.y;
    const banner = page.locator('.stale-banner');
    const panelOpacity = () => page.locator('.tab-panel').evaluate((el) => getComputedStyle(el).opacity);
    expect(await panelOpacity()).toBe('1');

    // The collector dies (a child of the host this test started): the host is still there.
    const collectorPid = childrenOf(host.child.pid ?? 0)[0] ?? 0;
    expect(collectorPid).toBeGreaterThan(0);
    process.kill(collectorPid, 'SIGKILL');
    await expect.poll(() => banner.textContent(), { timeout: 10_000, interval: 50 }).toMatch(/^The collector (stopped|is restarting)/);
    expect(await banner.textContent()).not.toMatch(/connection/);
    expect(await panelOpacity()).toBe('0.55');
    expect((await grid.boundingBox())?.y).toBe(gridTop);
    await page.screenshot({ path: path.join(ARTIFACTS, 'banner-collector-down.png') });
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(0);

    // The host goes: the connection is lost, which is not the collector.
    const port = new URL(host.url).port;
    await host.end();
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toMatch(/connection to the host was lost/);
    expect(await banner.textContent()).toMatch(/figures shown are from/);
    expect(await speedReadout(page).textContent()).toBe('Not connected');
    expect((await grid.boundingBox())?.y).toBe(gridTop);
    await page.screenshot({ path: path.join(ARTIFACTS, 'banner-connection-lost.png') });
    // An action while disconnected says so…
    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Suspend' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Suspend failed' });
    await expect.poll(() => notice.textContent()).toMatch(/not connected/);
    expect(stateLetter(child.pid ?? 0)).toBe('S');

    // …and the message goes once the host is back (same port, same token) and data flows.
    host = await startServe(['--port', port, '--interval-ms', '500', '--allow-control'], { TASKMGR_CONTROL_TOKEN: TOKEN });
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(0);
    expect(await panelOpacity()).toBe('1');
    await page.close();
  });
});
