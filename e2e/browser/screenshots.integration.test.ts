/**
 * Layout at the window sizes people use, in light, dark and forced colours, in Debian's Chromium
 * through the headless host. Each tab is captured at 800×600, 1366×768 and 1920×1080 in each
 * scheme (test-results/screenshots/layout-<tab>-<w>x<h>-<scheme>.png: look at them), and the facts
 * a user would notice are asserted: the figure columns fit a small window, the Name column fills a
 * wide one, the details panel closes and comes back, forced colours draw no stray colours, and the
 * Columns menu adds any figure of a process (or says why this host can't fill it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endAllOwned, spawnOwned, waitForLine } from '../../src-main/test-support/child-processes.ts';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

const TOKEN = 'layout-e2e-token-0123456789abc';
const ARTIFACTS = path.resolve('test-results', 'screenshots');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'layout-e2e-'));
const SIZES = [
  { width: 800, height: 600 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const SCHEMES = ['light', 'dark', 'forced'] as const;
type Scheme = (typeof SCHEMES)[number];
const TABS = ['Processes', 'Apps', 'Performance'] as const;
/** A process of this test with CPU and memory heat: 128 MB of its own, ~10 % of a core in 5 ms bursts. */
const WARM_NAME = 'e2e-layout-warm';

let host: ServeProcess;
let browser: Browser;
let page: Page;
let warmPid = 0;

beforeAll(async () => {
  const exe = path.join(scratch, WARM_NAME);
  fs.copyFileSync(process.execPath, exe);
  fs.chmodSync(exe, 0o755);
  const warm = spawnOwned(exe, [
    '-e',
    'globalThis.keep = Buffer.alloc(128 * 1024 * 1024, 1); setInterval(() => { const t = Date.now(); while (Date.now() - t < 5); }, 50); console.log("ready");',
  ]);
  await waitForLine(warm, /ready/);
  warmPid = warm.pid ?? 0;
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '500']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(host.openLine.replace(/^open /, ''));
  await grid().waitFor();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await endAllOwned();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const grid = () => page.getByRole('grid', { name: 'Processes' });
const search = () => page.getByRole('searchbox', { name: 'Search' });
const detailsPanel = () => page.getByRole('complementary', { name: 'Details' });
const detailsToggle = () => page.getByRole('button', { name: 'Details', exact: true });
const columnsButton = () => page.getByRole('button', { name: 'Columns' });
const columnsMenu = () => page.getByRole('group', { name: 'Columns' });
const header = (name: string) => grid().getByRole('columnheader', { name, exact: true });
const warmRow = () => grid().getByRole('row').filter({ hasText: WARM_NAME });

async function setScheme(scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme === 'dark' ? 'dark' : 'light', forcedColors: scheme === 'forced' ? 'active' : 'none' });
}

async function openTab(name: (typeof TABS)[number]): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect.poll(() => page.getByRole('tab', { name, exact: true }).getAttribute('aria-selected')).toBe('true');
  if (name === 'Processes') await grid().waitFor();
  if (name === 'Apps') await page.getByRole('treegrid', { name: 'Apps' }).waitFor();
  if (name === 'Performance') await page.getByTestId('cpu-chart').waitFor();
}

/** Shows or hides a column from the Columns menu (its button opens and closes the menu). */
async function setColumn(name: string, isShown: boolean): Promise<void> {
  await columnsButton().click();
  const box = columnsMenu().getByRole('checkbox', { name, exact: true });
  if ((await box.isChecked()) !== isShown) await box.click();
  await columnsButton().click();
  await expect.poll(() => columnsMenu().count()).toBe(0);
}

/** The text that describes a control (its aria-describedby), or null. */
const descriptionOf = (locator: Locator) =>
  locator.evaluate((el) => {
    const ids = el.getAttribute('aria-describedby');
    return ids === null ? null : ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  });

/** The grid's visible box: its left edge and the width it gives its content (no scrollbar). */
const gridView = () => grid().evaluate((el) => ({ left: el.getBoundingClientRect().left, width: el.clientWidth, scrollWidth: el.scrollWidth }));

describe('Columns menu', () => {
  it('says why this host can’t fill a column, and that column is off until the user turns it on', async () => {
    await columnsButton().click();
    const efficiency = columnsMenu().getByRole('checkbox', { name: 'Efficiency mode', exact: true });
    // Linux has no efficiency mode: no process has the figure.
    await expect.poll(() => descriptionOf(efficiency), { timeout: 10_000 }).toMatch(/Not available here/);
    expect(await efficiency.isChecked()).toBe(false);
    // Per-process network: judged from the collector's second sample on; off by default, and why.
    const network = columnsMenu().getByRole('checkbox', { name: 'Network', exact: true });
    await expect.poll(() => descriptionOf(network), { timeout: 10_000 }).toMatch(/per-process network/);
    expect(await network.isChecked()).toBe(false);
    expect(await header('Network').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'layout-columns-menu.png') });
    // A filled column has no such note.
    expect(await descriptionOf(columnsMenu().getByRole('checkbox', { name: 'Threads', exact: true }))).toBeNull();
    await columnsButton().click();
    // Turned on by the user, it is shown (its figure "—").
    await setColumn('Network', true);
    await header('Network').waitFor();
  });

  it('adds Threads, Started and Working set, each with a value for a process the test started', async () => {
    for (const name of ['Threads', 'Started', 'Working set']) await setColumn(name, true);
    await search().fill(WARM_NAME);
    await expect.poll(() => warmRow().count(), { timeout: 10_000 }).toBe(1);
    const cellUnder = async (columnName: string) => {
      const names = await grid().getByRole('columnheader').evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label')));
      const index = names.indexOf(columnName);
      expect(index).toBeGreaterThanOrEqual(0);
      return (await warmRow().getByRole('gridcell').nth(index).textContent()) ?? '';
    };
    // Node runs several threads; started within the last hour, shown as local "YYYY-MM-DD hh:mm:ss".
    await expect.poll(async () => Number(await cellUnder('Threads')), { timeout: 10_000 }).toBeGreaterThan(1);
    const started = await cellUnder('Started');
    expect(started).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(Math.abs(new Date(started.replace(' ', 'T')).getTime() - Date.now())).toBeLessThan(3_600_000);
    // 128 MB of its own in RAM, so its resident set is at least that.
    await expect.poll(async () => await cellUnder('Working set'), { timeout: 10_000 }).toMatch(/^1[2-9]\d\.\d MB$|^\d+\.\d GB$/);
    expect(await warmRow().textContent()).toContain(String(warmPid));
    await page.screenshot({ path: path.join(ARTIFACTS, 'layout-added-columns.png') });
    await search().fill('');
    // Back to the default columns plus Network, for the layout checks below.
    for (const name of ['Threads', 'Started', 'Working set']) await setColumn(name, false);
    await expect.poll(() => header('Threads').count()).toBe(0);
  });
});

describe('window sizes', () => {
  it('at 800×600 the details panel closes itself and CPU, Memory, Disk and Network are in view without scrolling', async () => {
    await setScheme('light');
    await openTab('Processes');
    await page.setViewportSize({ width: 800, height: 600 });
    await expect.poll(() => detailsPanel().count()).toBe(0);
    expect(await detailsToggle().getAttribute('aria-pressed')).toBe('false');
    const view = await gridView();
    expect(await grid().evaluate((el) => el.scrollLeft)).toBe(0);
    for (const name of ['CPU', 'Memory', 'Disk', 'Network']) {
      const box = await header(name).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box?.x ?? -1, name).toBeGreaterThanOrEqual(view.left);
      expect((box?.x ?? 0) + (box?.width ?? 0), name).toBeLessThanOrEqual(view.left + view.width);
    }
    // Opened by hand in the small window, it is there until closed.
    await detailsToggle().click();
    await detailsPanel().waitFor();
    await detailsPanel().getByRole('button', { name: 'Close details' }).click();
    await expect.poll(() => detailsPanel().count()).toBe(0);
    // Focus goes back to the toggle, not to the page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('details-toggle');
  });

  it('at 1920×1080 the columns fill the grid (the Name column takes the free space), and keep a width the user set', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    // Wide again: the panel it closed by itself comes back.
    await detailsPanel().waitFor();
    const fill = async () => {
      const widths = await grid().getByRole('columnheader').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
      return (await gridView()).width - widths.reduce((a, b) => a + b, 0);
    };
    await expect.poll(async () => Math.abs(await fill())).toBeLessThan(3);
    // Widen CPU from the keyboard (Alt+Right): CPU keeps its new width, and the row still fills the grid.
    const cpuBefore = (await header('CPU').boundingBox())?.width ?? 0;
    await header('CPU').getByRole('button').focus();
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(async () => (await header('CPU').boundingBox())?.width ?? 0).toBe(cpuBefore + 16);
    await expect.poll(async () => Math.abs(await fill())).toBeLessThan(3);
    // Apps fills its grid too.
    await openTab('Apps');
    const apps = page.getByRole('treegrid', { name: 'Apps' });
    const appsGap = async () => {
      const widths = await apps.getByRole('columnheader').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
      return (await apps.evaluate((el) => el.clientWidth)) - widths.reduce((a, b) => a + b, 0);
    };
    await expect.poll(async () => Math.abs(await appsGap())).toBeLessThan(3);
    await openTab('Processes');
  });

  it('the details panel closes by its button, stays closed after a reload and a resize, and its toggle brings it back', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await detailsPanel().waitFor();
    expect(await detailsToggle().getAttribute('aria-pressed')).toBe('true');
    await detailsPanel().getByRole('button', { name: 'Close details' }).click();
    await expect.poll(() => detailsPanel().count()).toBe(0);
    const closedWidth = (await gridView()).width;
    await page.reload();
    await grid().waitFor();
    expect(await detailsPanel().count()).toBe(0);
    expect(await detailsToggle().getAttribute('aria-pressed')).toBe('false');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => (await gridView()).width).toBeGreaterThan(closedWidth);
    expect(await detailsPanel().count()).toBe(0);
    await page.setViewportSize({ width: 1366, height: 768 });
    await detailsToggle().click();
    await detailsPanel().waitFor();
    expect(await detailsToggle().getAttribute('aria-pressed')).toBe('true');
  });
});

describe('forced colours', () => {
  it('a selected row keeps no heat box of its own: its heat cells show the row’s Highlight', async () => {
    await setScheme('forced');
    await openTab('Processes');
    await search().fill(WARM_NAME);
    await expect.poll(() => warmRow().count(), { timeout: 10_000 }).toBe(1);
    await warmRow().click();
    // Its memory is shaded (128 MB of 24 GB or less) and, within a few ticks, its CPU.
    const heatCells = warmRow().locator('[role="gridcell"][class*="heat-"]');
    await expect.poll(() => heatCells.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const backgrounds = await heatCells.evaluateAll((cells) => cells.map((c) => getComputedStyle(c).backgroundColor));
    for (const background of backgrounds) expect(background).toBe('rgba(0, 0, 0, 0)');
    // And the row itself is Highlight, with HighlightText.
    const row = await warmRow().evaluate((el) => {
      const probe = document.createElement('div');
      probe.style.cssText = 'forced-color-adjust: none; background: Highlight; color: HighlightText';
      document.body.append(probe);
      const system = { background: getComputedStyle(probe).backgroundColor, color: getComputedStyle(probe).color };
      probe.remove();
      return { background: getComputedStyle(el).backgroundColor, color: getComputedStyle(el).color, system };
    });
    expect(row.background).toBe(row.system.background);
    expect(row.color).toBe(row.system.color);
    await page.screenshot({ path: path.join(ARTIFACTS, 'layout-forced-selected-row.png') });
    await search().fill('');
  });

  it('menus and dialogs show their choice in system colours', async () => {
    await search().fill(WARM_NAME);
    await warmRow().click();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    await page.keyboard.press('ArrowDown');
    const active = menu.locator('.menu-item.active');
    await expect.poll(() => active.count()).toBe(1);
    const colours = await active.evaluate((el) => {
      const probe = document.createElement('div');
      probe.style.cssText = 'forced-color-adjust: none; background: Highlight';
      document.body.append(probe);
      const highlight = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return { background: getComputedStyle(el).backgroundColor, highlight };
    });
    expect(colours.background).toBe(colours.highlight);
    await page.screenshot({ path: path.join(ARTIFACTS, 'layout-forced-context-menu.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    await grid().focus();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'layout-forced-end-dialog.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await columnsButton().click();
    await columnsMenu().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'layout-forced-columns-menu.png') });
    await columnsButton().click();
    await search().fill('');
  });

  it('the memory composition bar and its legend draw each part alike, and the selected resource reads HighlightText on Highlight', async () => {
    await openTab('Performance');
    await page.getByRole('option', { name: /^Memory/ }).click();
    const bar = page.getByRole('img', { name: /^Memory composition/ });
    await bar.waitFor();
    const look = (locator: Locator) =>
      locator.evaluate((el) => {
        const style = getComputedStyle(el);
        return `${style.backgroundColor} ${style.backgroundImage} ${style.opacity}`;
      });
    // Every part the bar draws (in use, modified, standby, free where the OS gives the lists, as here; else in use, cached, free) and its legend's swatch.
    const parts = await bar.locator('[data-part]').evaluateAll((els) => els.map((el) => el.getAttribute('data-part') ?? ''));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) {
      const swatch = page.locator(`.perf-legend li[data-part="${part}"] .perf-swatch`);
      expect(await look(swatch), part).toBe(await look(bar.locator(`[data-part="${part}"]`)));
    }
    // The In use figure's swatch is the in-use part's too.
    expect(await look(page.locator('.perf-figure dt', { hasText: 'In use' }).locator('.perf-swatch'))).toBe(await look(bar.locator('[data-part="inUse"]')));
    // Every other part is told apart from in use (Linux now gives modified and standby: no "cached" part).
    const inUse = await look(bar.locator('[data-part="inUse"]'));
    for (const part of parts.filter((p) => p !== 'inUse')) expect(await look(bar.locator(`[data-part="${part}"]`)), part).not.toBe(inUse);
    // The selected entry: its figure (the subtitle) is in the entry's HighlightText, not a grey of its own.
    const entry = page.locator('.perf-entry[aria-selected="true"]');
    const colours = await entry.evaluate((el) => ({
      entry: getComputedStyle(el).color,
      figure: getComputedStyle(el.querySelector('.perf-entry-figure') ?? el).color,
    }));
    expect(colours.figure).toBe(colours.entry);
    await page.screenshot({ path: path.join(ARTIFACTS, 'layout-forced-memory.png') });
    await setScheme('light');
    await openTab('Processes');
  });
});

describe('screenshots', () => {
  it('captures each tab at 800×600, 1366×768 and 1920×1080 in light, dark and forced colours', async () => {
    await search().fill(WARM_NAME);
    await expect.poll(() => warmRow().count(), { timeout: 10_000 }).toBe(1);
    await warmRow().click();
    await search().fill('');
    const written: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const scheme of SCHEMES) {
        await setScheme(scheme);
        for (const tab of TABS) {
          await openTab(tab);
          const file = path.join(ARTIFACTS, `layout-${tab.toLowerCase()}-${size.width}x${size.height}-${scheme}.png`);
          await page.screenshot({ path: file });
          written.push(file);
        }
      }
    }
    expect(written).toHaveLength(27);
    for (const file of written) expect(fs.statSync(file).size).toBeGreaterThan(0);
    await setScheme('light');
    await openTab('Processes');
  });
});
