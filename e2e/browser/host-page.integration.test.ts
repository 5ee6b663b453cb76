/**
 * The page the headless host serves, in Debian's Chromium: it reads its token from the link,
 * removes it from the address bar, and shows live data pushed over the stream.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { endAllOwned } from '../../src-main/test-support/child-processes.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';
import { launchChromium } from '../../src-main/test-support/chromium.ts';

const TOKEN = 'browser-test-token-0123456789';
const ARTIFACTS = path.resolve('test-results', 'screenshots');
let host: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '500']);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await endAllOwned();
});

it('opens from the printed link, drops the token from the address bar, and shows live rows', async () => {
  const page = await browser.newPage();
  const link = host.openLine.replace(/^open /, '');
  await page.goto(link);
  const table = page.getByRole('grid', { name: 'Processes' });
  await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(10);
  expect(page.url()).toBe(`${host.url}/`);
  // Live: the view changes as pushed snapshots arrive (the page never polls).
  const changes = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let count = 0;
        const observer = new MutationObserver((records) => (count += records.length));
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(() => {
          observer.disconnect();
          resolve(count);
        }, 2_000);
      }),
  );
  expect(changes).toBeGreaterThan(0);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'host-page.png') });
  await page.close();
});

it('without a token the page says how to get one instead of showing a broken view', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${host.url}/`);
  await expect.poll(() => page.getByText('This page needs the link the host printed').isVisible(), { timeout: 10_000 }).toBe(true);
  await context.close();
});

it('with a wrong token the page says the host refused it', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${host.url}/#token=not-the-right-token-000`);
  await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/refused this page’s token/);
  await context.close();
});
