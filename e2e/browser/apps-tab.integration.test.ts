/**
 * The Apps tab in Chromium through a host started with --allow-control, on processes this test
 * started (and only those): 30 copies of one executable are one background row "<name> (30)" with
 * an expander, a lone process a row without one; search, sort by another column, the context menu
 * by keyboard, Suspend/Resume, Open details, and End task on the folded row (it names the 30 first,
 * then every one of them is gone from the OS). Screenshot: test-results/screenshots/apps-tab.png.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { endAllOwned, spawnOwned, waitUntil } from '../../src-main/test-support/child-processes.ts';
import { stateLetter } from '../../src-main/test-support/proc-truth.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

/** The control token: the page is opened with the host's `control` link, and acts. */
const TOKEN = 'apps-e2e-token-0123456789';
const ARTIFACTS = path.resolve('test-results', 'screenshots');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'apps-e2e-'));
// Unique names (another run's leftovers or the machine's own processes never match them).
const MANY = `e2e-apps-many-${process.pid}`;
const LONE = `e2e-apps-lone-${process.pid}`;
const COPIES = 30;
let host: ServeProcess;
let browser: Browser;
let page: Page;
let many: ChildProcess[] = [];
let lone: ChildProcess;

function copyOfSleep(name: string): string {
  const target = path.join(scratch, name);
  fs.copyFileSync('/bin/sleep', target);
  fs.chmodSync(target, 0o755);
  return target;
}

beforeAll(async () => {
  const manyExe = copyOfSleep(MANY);
  many = Array.from({ length: COPIES }, () => spawnOwned(manyExe, ['600']));
  lone = spawnOwned(copyOfSleep(LONE), ['600']);
  host = await startServe(['--port', '0', '--interval-ms', '500', '--allow-control'], { TASKMGR_CONTROL_TOKEN: TOKEN });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto((host.controlLine ?? '').replace(/^control /, ''));
  await page.getByRole('tab', { name: 'Apps', exact: true }).click();
  await apps().waitFor();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await endAllOwned();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const apps = () => page.getByRole('treegrid', { name: 'Apps' });
const search = () => page.getByRole('searchbox', { name: 'Search' });
const manyRow = () => apps().getByRole('row').filter({ hasText: `${MANY} (${COPIES})` });
const loneRow = () => apps().getByRole('row').filter({ hasText: LONE });
const pidOf = (child: ChildProcess) => child.pid ?? 0;
/** The app rows' names, in order (group headers and processes left out). */
const appNames = async () =>
  // The expander (▸ ▾) is hidden from assistive technology but is in textContent.
  (await apps().locator('[role="row"][aria-level="2"] [role="gridcell"]:first-child').allTextContents()).map((text) => text.replace(/^[▸▾]/, '').trim());

describe('the Apps tab', () => {
  it('shows 30 processes of one executable as one background row with an expander, a lone one without', async () => {
    await search().fill('e2e-apps-');
    await expect.poll(() => manyRow().count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => loneRow().count()).toBe(1);
    expect(await manyRow().getAttribute('aria-expanded')).toBe('false');
    expect(await loneRow().getAttribute('aria-expanded')).toBeNull();
    expect(await apps().getByRole('row').filter({ hasText: 'Background processes' }).textContent()).toContain('Background processes (2)');

    // Opening the row lists its 30 processes by name and PID.
    await manyRow().locator('.grid-expander').click();
    await expect.poll(() => apps().getByRole('row').filter({ hasText: `${MANY} (PID` }).count()).toBe(COPIES);
    await manyRow().locator('.grid-expander').click();
    await expect.poll(() => apps().getByRole('row').filter({ hasText: `${MANY} (PID` }).count()).toBe(0);

    // The whole tab, unfiltered, for a person to look at.
    await search().fill('');
    await expect.poll(async () => (await apps().getByRole('row').count()) > 3).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'apps-tab.png') });
  });

  it('searches apps by name, and by a process (its PID), opening the app on it', async () => {
    await search().fill(LONE);
    await expect.poll(appNames).toEqual([LONE]);
    const member = many[7] ?? lone;
    await search().fill(String(pidOf(member)));
    const memberRow = apps().getByRole('row').filter({ hasText: `${MANY} (PID ${pidOf(member)})` });
    await expect.poll(() => memberRow.count()).toBe(1);
    expect(await manyRow().getAttribute('aria-expanded')).toBe('true');
  });

  it('sorts by another column: aria-sort moves to it and the order changes', async () => {
    await search().fill('e2e-apps-');
    await expect.poll(appNames).toEqual([LONE, `${MANY} (${COPIES})`]); // CPU ties (all asleep) go by name
    const header = (name: string) => apps().getByRole('columnheader', { name, exact: true });
    expect(await header('CPU').getAttribute('aria-sort')).toBe('descending');
    await header('Processes').getByRole('button').click();
    await expect.poll(() => header('Processes').getAttribute('aria-sort')).toBe('descending');
    expect(await header('CPU').getAttribute('aria-sort')).toBeNull();
    await expect.poll(appNames).toEqual([`${MANY} (${COPIES})`, LONE]);
    await header('Processes').getByRole('button').click();
    await expect.poll(() => header('Processes').getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(appNames).toEqual([LONE, `${MANY} (${COPIES})`]);
  });

  it('a double-click on a row selects no text', async () => {
    await loneRow().dblclick();
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
  });

  it('opens the context menu from the keyboard, with the process commands by name', async () => {
    await loneRow().click();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: 'Apps' });
    await menu.waitFor();
    const items = await menu.getByRole('menuitem').evaluateAll((nodes) => nodes.map((n) => `${n.textContent}${n.getAttribute('aria-disabled') ? ' (disabled)' : ''}`));
    expect(items).toEqual(['End task', 'End process tree', 'Suspend', 'Resume (disabled)', 'Set priority…', 'Open details']);
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    // The context-menu key opens it too.
    await page.keyboard.press('ContextMenu');
    await menu.waitFor();
    await page.keyboard.press('Escape');
  });

  it('suspends and resumes an app from its menu (the OS says T, then S)', async () => {
    await loneRow().click();
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menuitem', { name: 'Suspend' }).click();
    await waitUntil(() => stateLetter(pidOf(lone)) === 'T', 5_000, 'state T');
    await loneRow().click({ button: 'right' });
    const resume = page.getByRole('menuitem', { name: 'Resume' });
    await expect.poll(() => resume.getAttribute('aria-disabled'), { timeout: 10_000 }).toBeNull();
    await resume.click();
    await waitUntil(() => stateLetter(pidOf(lone)) === 'S', 5_000, 'state S');
  });

  it('Open details shows the process selected and in view in the Processes tab', async () => {
    await search().fill(LONE);
    await loneRow().click();
    // Without the search, among every process of the machine: the row must be found and shown.
    await search().press('Escape');
    await page.keyboard.press('Tab'); // to the table, its focused row kept
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menuitem', { name: 'Open details' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Processes' }).getAttribute('aria-selected')).toBe('true');
    const grid = page.getByRole('grid', { name: 'Processes' });
    const row = grid.getByRole('row', { selected: true });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(String(pidOf(lone)));
    const [rowBox, gridBox] = [await row.boundingBox(), await grid.boundingBox()];
    expect(rowBox && gridBox && rowBox.y >= gridBox.y && rowBox.y + rowBox.height <= gridBox.y + gridBox.height).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Processes');
    await page.getByRole('tab', { name: 'Apps', exact: true }).click();
    await apps().waitFor();
  });

  it('Delete on the folded row names the 30 processes first; confirming ends every one of them', async () => {
    await search().fill(MANY);
    await manyRow().click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('alertdialog', { name: `End ${MANY}?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`This ends ${COPIES} processes:`);
    const listed = await dialog.getByRole('listitem').allTextContents();
    expect(listed).toHaveLength(6);
    for (const name of listed.slice(0, 5)) expect(name).toMatch(new RegExp(`^${MANY} \\(PID \\d+\\)$`));
    expect(listed[5]).toBe('and 25 more');
    expect(await dialog.textContent()).toContain('Work not saved in any of them will be lost.');
    await page.screenshot({ path: path.join(ARTIFACTS, 'apps-end-task-confirm.png') });
    for (const child of many) expect(stateLetter(pidOf(child))).toBe('S');

    await dialog.getByRole('button', { name: 'End task' }).click();
    await waitUntil(() => many.every((child) => !fs.existsSync(`/proc/${pidOf(child)}`)), 10_000, 'all 30 gone from /proc');
    expect(lone.exitCode === null && lone.signalCode === null).toBe(true);
    await expect.poll(() => manyRow().count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
  });
});
