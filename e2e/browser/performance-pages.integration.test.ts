/**
 * The Performance pages in Debian's Chromium through the headless host, as a Task Manager user
 * opens them: each page at 800×600 and 1920×1080 (screenshots in
 * test-results/screenshots/performance-<page>-<w>x<h>.png: look at them), fitting the window with
 * its axis units and facts list; the per-processor toggle; Ctrl+C copying the page as text with
 * this machine's CPU model; the facts this machine has (read by the host's inventory process, off
 * the tick) on each page, against what Node reads of this machine. PerformanceTab.test.tsx checks
 * every fact's rendering with a store fixture.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endAllOwned } from '../../src-main/test-support/child-processes.ts';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

const TOKEN = 'perf-pages-e2e-token-0123456789';
const ARTIFACTS = path.resolve('test-results', 'screenshots');
const SIZES = [
  { width: 800, height: 600 },
  { width: 1920, height: 1080 },
] as const;

let host: ServeProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '500']);
  browser = await launchChromium();
  const url = host.openLine.replace(/^open /, '');
  context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  page = await context.newPage();
  await page.goto(url);
  await page.getByRole('tab', { name: 'Performance' }).click();
  await page.getByTestId('cpu-chart').waitFor();
  // The facts arrive once the host's inventory process has read them (about a second here).
  for (const deadline = Date.now() + 30_000; (await fact('CPU facts', 'Logical processors')) !== String(os.cpus().length); ) {
    if (Date.now() > deadline) throw new Error('the inventory never reached the page');
    await page.waitForTimeout(200);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await endAllOwned();
});

const resources = () => page.getByRole('listbox', { name: 'Resources' }).getByRole('option');
/** The value of one fact of a page's facts list (its `<dd>`), or null when the list or the fact is not shown. */
const fact = (list: string, name: string) =>
  page
    .getByRole('definition')
    .and(page.locator(`dl[aria-label="${list}"] dd`))
    .evaluateAll((dds, wanted) => {
      for (const dd of dds) if (dd.previousElementSibling?.textContent === wanted) return dd.textContent?.replace(/\s+/g, ' ').trim() ?? null;
      return null;
    }, name)
    .catch(() => null);
const pageTitle = () => page.locator('.perf-view h2').textContent();
const units = () => page.locator('.perf-view .perf-chart-unit').allTextContents();
const selectedIndex = () => resources().evaluateAll((els) => els.findIndex((el) => el.getAttribute('aria-selected') === 'true'));

/** What overflows the view sideways (a chart or the facts pushed past the window), as the view's and its content's widths. */
const viewWidths = () => page.locator('.perf-view').evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));

describe("this machine's facts", () => {
  it('shows on each page the facts this machine has, as Node reads them', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await resources().first().click();
    expect(await fact('CPU facts', 'Logical processors')).toBe(String(os.cpus().length));
    // Cores and sockets are whole numbers this VM reports; the model is the page's subtitle.
    expect(await fact('CPU facts', 'Cores')).toMatch(/^\d+$/);
    expect(await fact('CPU facts', 'Sockets')).toMatch(/^\d+$/);
    await resources().nth(1).click();
    expect(await page.locator('.perf-view').innerText()).toMatch(/Total\s+\d/);
    // The disk: its type and capacity (the VM's virtio disk has no model of its own to read).
    await resources().filter({ hasText: /^Disk/ }).first().click();
    expect(await fact(`${(await pageTitle()) ?? ''} facts`, 'Type')).toMatch(/^(SSD|HDD|NVMe|Removable|Virtual|Unknown)$/);
    expect(await fact(`${(await pageTitle()) ?? ''} facts`, 'Capacity')).toMatch(/\d/);
    // The adapter: the IPv4 address the OS gives it.
    await resources().filter({ hasText: /^Network/ }).first().click();
    const name = ((await pageTitle()) ?? '').replace(/^Network\s+/, '').trim();
    const addresses = (os.networkInterfaces()[name] ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address);
    expect(addresses.length).toBeGreaterThan(0);
    expect(await page.locator('.perf-view').innerText()).toContain(addresses[0] ?? '');
  });
});

describe('each Performance page at 800×600 and 1920×1080', () => {
  it('fits the window, labels its axes with units and lists its figures and facts', async () => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const count = await resources().count();
      expect(count).toBeGreaterThanOrEqual(3); // CPU, memory and at least one disk or adapter on any machine that runs this
      for (let index = 0; index < count; index += 1) {
        await resources().nth(index).click();
        await expect.poll(selectedIndex).toBe(index);
        const title = (await pageTitle()) ?? '';
        // Charts draw once they have a width: wait for the first line.
        await expect.poll(async () => (await units()).length).toBeGreaterThan(0);
        for (const unit of await units()) expect(unit).toMatch(/%|bytes|bits/);
        expect(await page.locator('.perf-view dl.perf-figures dt').count()).toBeGreaterThan(2);
        // The facts are a labelled list: "—" (with why) until the inventory is read, never a blank.
        const factValues = await page.locator('.perf-view dl.perf-facts dd').allInnerTexts();
        expect(factValues.length).toBeGreaterThan(0);
        for (const value of factValues) expect(value.trim()).not.toBe('');
        const widths = await viewWidths();
        expect(widths.scroll, `${title} at ${size.width}×${size.height} overflows sideways`).toBeLessThanOrEqual(widths.client);
        const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
        await page.screenshot({ path: path.join(ARTIFACTS, `performance-${slug}-${size.width}x${size.height}.png`) });
      }
      await resources().first().click();
    }
  });

  it('shows network throughput in bits per second', async () => {
    const network = resources().filter({ hasText: /^Network|Network / }).first();
    if ((await network.count()) === 0) return; // a machine with no interface but lo has no network page
    await network.click();
    await expect.poll(() => page.locator('.perf-view dl.perf-figures dd').first().textContent()).toMatch(/^\d+(\.\d)? [KMGT]?bps$/);
    await resources().first().click();
  });
});

describe('the CPU page', () => {
  it('toggles between the overall chart and a large chart per logical processor', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await resources().first().click();
    const toggle = page.getByRole('button', { name: 'Show a graph per logical processor' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const charts = page.getByTestId('core-charts').getByRole('img');
    await expect.poll(() => charts.count()).toBe(os.cpus().length);
    // Each is a real chart: it has drawn a line of its own.
    await expect.poll(() => charts.first().locator('path.recharts-area-area, path.recharts-area-curve').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'performance-cpu-per-processor-1920x1080.png') });
    await page.setViewportSize({ width: 800, height: 600 });
    const widths = await viewWidths();
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.screenshot({ path: path.join(ARTIFACTS, 'performance-cpu-per-processor-800x600.png') });
    await toggle.click();
    await page.getByTestId('cpu-chart').waitFor();
    expect(await page.getByTestId('core-charts').count()).toBe(0);
  });

  it('copies its figures and facts as text on Ctrl+C, with this machine’s CPU model', async () => {
    await resources().first().click();
    const model = ((await page.locator('.perf-view-subtitle').textContent()) ?? '').trim();
    expect(model).not.toBe('');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+c');
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await expect.poll(clipboard).toContain(model);
    const text = await clipboard();
    expect(text.startsWith(`CPU\n\t${model}\n\n`)).toBe(true);
    expect(text).toMatch(/^Utilisation\t\d+\.\d%$/m);
    expect(text).toMatch(/^Logical processors\t\d+$/m);
  });
});
