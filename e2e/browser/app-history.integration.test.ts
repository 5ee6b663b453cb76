/**
 * The App history tab in Chromium through the headless host: the fourth tab opens, its table says
 * in words why it has no rows (or shows them, once the host keeps usage), never a blank; the range
 * chooser changes the range asked and refuses an inverted custom one; Top consumers opens on the
 * range and closes with Escape; "Delete usage history" on a host without --allow-control is
 * refused, saying why. The host records history to a folder of this test's own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

const TOKEN = 'app-history-e2e-token-0123456789';
const ARTIFACTS = path.resolve('test-results', 'screenshots');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'app-history-e2e-'));
let host: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '1000', '--history-dir', path.join(scratch, 'history')]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.openLine.replace(/^open /, ''));
  await page.getByRole('grid', { name: 'Processes' }).waitFor();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await host?.end();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const table = () => page.getByRole('grid', { name: 'App history: apps' });
/** What a table without rows may say: the host keeps no usage yet, history is off, the range is empty. */
const PLAIN_MESSAGE = /keeps no usage history|History is off|Nothing recorded in this range|Nothing ran in this range/;
/** The range shown beside the chooser: "From 2026-12-05 03:00:00 to 2026-12-06 03:00:00". */
async function shownRangeMs(): Promise<number> {
  const text = (await page.locator('.usage-range-shown').textContent()) ?? '';
  const match = /From (\S+ \S+) to (\S+ \S+)/.exec(text);
  if (!match?.[1] || !match[2]) throw new Error(`no range shown: ${text}`);
  return new Date(match[2].replace(' ', 'T')).getTime() - new Date(match[1].replace(' ', 'T')).getTime();
}

describe('App history', () => {
  it('opens as the fourth tab and says in words why its table has no rows, or shows them', async () => {
    await page.getByRole('tab', { name: 'App history' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'App history' }).getAttribute('aria-selected')).toBe('true');
    await table().waitFor();
    await expect
      .poll(async () => {
        const rows = await table().locator('[role="row"][aria-selected]').count();
        const text = (await table().textContent()) ?? '';
        return rows > 0 || PLAIN_MESSAGE.test(text);
      }, { timeout: 10_000 })
      .toBe(true);
    expect(await table().textContent()).not.toContain('Reading history');
    await page.screenshot({ path: path.join(ARTIFACTS, 'app-history.png') });
  });

  it('asks the range chosen, and refuses an inverted custom range in words', async () => {
    expect(await shownRangeMs()).toBe(24 * 3_600_000);
    await page.getByLabel('Range', { exact: true }).selectOption({ label: 'Last 7 days' });
    await expect.poll(shownRangeMs).toBe(7 * 24 * 3_600_000);
    await page.getByLabel('Range', { exact: true }).selectOption({ label: 'Custom…' });
    await page.getByLabel('From', { exact: true }).fill('2026-01-02T04:00:00');
    await page.getByLabel('To', { exact: true }).fill('2026-01-02T03:00:00');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('.usage-range-shown').textContent()).toBe('The start must be before the end.');
  });

  it('Top consumers opens on the range and Escape closes it', async () => {
    await page.getByLabel('Range', { exact: true }).selectOption({ label: 'Last hour' });
    await page.getByRole('button', { name: 'Top consumers…' }).click();
    const dialog = page.getByRole('dialog', { name: /^What used the machine from / });
    await dialog.waitFor();
    const processes = dialog.getByRole('table', { name: 'Top processes' });
    await expect.poll(async () => (await processes.locator('tbody tr').count()) > 0 && !/Reading history/.test((await processes.textContent()) ?? ''), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'top-consumers.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('Delete usage history asks first and, without --allow-control, says why nothing was deleted', async () => {
    await page.getByRole('button', { name: 'Delete usage history' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete usage history?' });
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.locator('.app-history-outcome').textContent(), { timeout: 10_000 }).toMatch(/^Usage history was not deleted: /);
  });
});
