/**
 * Process control from the page, in Chromium through a host started with --allow-control, on
 * processes this test started (and only those): End task asks, then the row disappears; Suspend
 * offers Undo, which resumes. The page opened with the control token (the host's `control` link)
 * acts; the one opened with the view token (the `open` link) shows the host's refusal in words.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { endAllOwned, spawnOwned, waitUntil } from '../../src-main/test-support/child-processes.ts';
import { stateLetter } from '../../src-main/test-support/proc-truth.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

/** The control token: the page is opened with the host's `control` link, and acts. */
const TOKEN = 'control-e2e-token-0123456789';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'control-e2e-'));
let host: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  host = await startServe(['--port', '0', '--interval-ms', '500', '--allow-control'], { TASKMGR_CONTROL_TOKEN: TOKEN });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto((host.controlLine ?? '').replace(/^control /, ''));
  await page.getByRole('grid', { name: 'Processes' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await endAllOwned();
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function showOwnProcess(name: string) {
  const exe = path.join(scratch, name);
  fs.copyFileSync('/bin/sleep', exe);
  fs.chmodSync(exe, 0o755);
  const child = spawnOwned(exe, ['600']);
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  const row = page.getByRole('grid', { name: 'Processes' }).locator('[role="row"][aria-selected]').filter({ hasText: name });
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
  await row.click();
  expect(await row.textContent()).toContain(String(child.pid));
  return { child, row };
}

it('End task asks first, naming the process; Cancel does nothing; confirming ends it and the row disappears', async () => {
  const { child, row } = await showOwnProcess('e2e-end-me');
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(`e2e-end-me (PID ${child.pid})`);
  expect(await dialog.textContent()).toMatch(/not saved .* lost/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  expect(stateLetter(child.pid ?? 0)).toBe('S');

  await row.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'End task' }).click();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await page.getByRole('alertdialog').getByRole('button', { name: 'End task' }).click();
  await exited;
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
  await page.screenshot({ path: path.resolve('test-results', 'screenshots', 'end-task-done.png') });
});

it('Suspend shows the process as suspended and offers Undo, which resumes it', async () => {
  const { child, row } = await showOwnProcess('e2e-suspend-me');
  await row.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Suspend' }).click();
  await waitUntil(() => stateLetter(child.pid ?? 0) === 'T', 5_000, 'state T');
  await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 10_000 }).toContain('Suspended');
  const toast = page.getByRole('status').filter({ hasText: 'Suspended e2e-suspend-me' });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await waitUntil(() => stateLetter(child.pid ?? 0) === 'S', 5_000, 'state S');
  await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 10_000 }).not.toContain('Suspended');
});

it('a page opened with the view token (the open link) is refused, in words, and the process keeps running', async () => {
  const viewPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await viewPage.goto(host.openLine.replace(/^open /, ''));
    const name = 'e2e-view-token';
    const exe = path.join(scratch, name);
    fs.copyFileSync('/bin/sleep', exe);
    fs.chmodSync(exe, 0o755);
    const child = spawnOwned(exe, ['600']);
    await viewPage.getByRole('searchbox', { name: 'Search' }).fill(name);
    const row = viewPage.getByRole('grid', { name: 'Processes' }).locator('[role="row"][aria-selected]').filter({ hasText: name });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.click();
    await viewPage.keyboard.press('Delete');
    await viewPage.getByRole('alertdialog').getByRole('button', { name: 'End task' }).click();
    await expect.poll(() => viewPage.getByRole('alert').first().textContent(), { timeout: 5_000 }).toMatch(/End task failed: e2e-view-token .*this token only views: actions need the control token/);
    expect(stateLetter(child.pid ?? 0)).toBe('S');
  } finally {
    await viewPage.close();
  }
});
