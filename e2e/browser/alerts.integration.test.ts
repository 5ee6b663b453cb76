/**
 * Alerts in Chromium through the headless host, as a user would: a busy loop started by the test
 * under a name of its own; a rule made in the page's editor from the CPU hog template ("CPU above
 * X % for 3 s", matching that name: X is 40, or half of one core's share of the machine where a
 * core is less than 80 % of it, so one busy thread trips it on any machine); the bell counts it
 * within seconds, by keyboard alone the panel opens on the alert (its rule, its process, its
 * message), Escape closes it and the focus is back on the bell; the rule is deleted at the end.
 * Rules and history go to a folder of this test's own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endAllOwned, spawnOwned, waitForLine } from '../../src-main/test-support/child-processes.ts';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

const TOKEN = 'alerts-e2e-token-0123456789abcdef';
/** Under 15 characters: Linux's `comm` would cut a longer one (the collector then reads the executable's name). */
const LOOP = 'e2e-alert-loop';
const ARTIFACTS = path.resolve('test-results', 'screenshots');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-e2e-'));
/** One busy thread is 100 / logical processors % of the machine (the Processes tab's CPU %). */
const THRESHOLD = Math.min(40, Math.floor(50 / os.availableParallelism()));
let host: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  host = await startServe([
    '--port',
    '0',
    '--token',
    TOKEN,
    '--interval-ms',
    '1000',
    '--history-dir',
    path.join(scratch, 'history'),
    '--rules-file',
    path.join(scratch, 'rules.json'),
  ]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.openLine.replace(/^open /, ''));
  await page.getByRole('grid', { name: 'Processes' }).waitFor();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await host?.end();
  await endAllOwned();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A renamed copy of node, so the rule's `match.name` matches it and nothing else. */
function copyOfNode(): string {
  const target = path.join(scratch, LOOP);
  fs.copyFileSync(process.execPath, target);
  fs.chmodSync(target, 0o755);
  return target;
}

const bell = (count: number) => page.getByRole('button', { name: `Alerts: ${count} active` });
const panel = () => page.getByRole('dialog', { name: 'Alerts' });

describe('alerts', () => {
  it('a rule made in the editor fires on a busy loop: the bell counts it and the panel shows it', async () => {
    const loop = spawnOwned(copyOfNode(), ['-e', 'console.log("ready"); for (;;) {}']);
    await waitForLine(loop, /ready/);

    // By keyboard: Enter on the bell opens the panel.
    await bell(0).focus();
    await page.keyboard.press('Enter');
    await panel().waitFor();
    await panel().getByRole('button', { name: 'New rule' }).click();
    await page.getByRole('menuitem', { name: 'CPU hog' }).click();
    const editor = page.getByRole('dialog', { name: 'New rule' });
    await editor.waitFor();
    await editor.getByLabel('Name', { exact: true }).fill('CPU hog (e2e)');
    await editor.getByLabel('Process name').fill(LOOP);
    await editor.getByLabel('Threshold').fill(String(THRESHOLD));
    await editor.getByLabel('For (seconds)').fill('3');
    // Checked as typed: a threshold that is no number is said at its field, and Save does not send it.
    await editor.getByLabel('Threshold').fill('lots');
    await expect.poll(() => editor.getByLabel('Threshold').getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    expect(await editor.getByText('above must be a number').count()).toBe(1);
    await editor.getByLabel('Threshold').fill(String(THRESHOLD));
    await expect.poll(() => editor.getByLabel('Threshold').getAttribute('aria-invalid')).toBe('false');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => editor.count()).toBe(0);
    await expect.poll(() => panel().getByText('“CPU hog (e2e)” was saved.').count()).toBe(1);
    const rules = panel().getByRole('grid', { name: 'Rules' });
    await expect.poll(() => rules.getByText(`CPU above ${THRESHOLD} % for 3 s`).count(), { timeout: 10_000 }).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel().count()).toBe(0);

    // The loop trips it: the bell counts one, and the toast says it.
    await expect.poll(() => bell(1).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'CPU hog (e2e):' }).count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'alerts-bell.png') });

    await bell(1).focus();
    await page.keyboard.press('Enter');
    const active = panel().getByRole('grid', { name: 'Active alerts' });
    await active.waitFor();
    const row = active.locator('[role="row"][aria-selected]').filter({ hasText: `${LOOP} (PID ${loop.pid})` });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain('CPU hog (e2e)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'alerts-panel.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => panel().count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Alerts: 1 active');

    // Clean up through the page: Delete asks first.
    await page.keyboard.press('Enter');
    await rules.focus();
    await panel().getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('alertdialog', { name: 'Delete the rule “CPU hog (e2e)”?' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => rules.getByText('CPU hog (e2e)').count(), { timeout: 10_000 }).toBe(0);
  });
});
