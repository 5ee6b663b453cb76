/**
 * A page opened on a host that has been sampling for a while starts with the last minutes drawn
 * (the core's recent series, query `recentSeries`), in Chromium through the host, view-only.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endAllOwned } from '../../src-main/test-support/child-processes.ts';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

const TOKEN = 'recent-history-e2e-token-0123456789';
const ARTIFACTS = path.resolve('test-results', 'screenshots');
/** The chart's x axis: the last 60 s (the default window), newest at the right edge of the plot. */
const WINDOW_SEC = 60;
/** TimeChart's y axis sits right of the plot, this wide (px). */
const Y_AXIS_PX = 72;
let host: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '250']);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.end();
  await endAllOwned();
});

/** The seq of the host's latest snapshot (its collector numbers ticks from 1). */
async function hostSeq(): Promise<number> {
  const response = await fetch(`${host.url}/api/stats`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  const body = (await response.json()) as { seq?: unknown };
  return typeof body.seq === 'number' ? body.seq : 0;
}

describe('a page opened now', () => {
  it('draws the CPU chart with the minutes before it was opened', async () => {
    // 40 ticks at 250 ms: 10 s of figures before the page exists.
    await expect.poll(hostSeq, { timeout: 30_000 }).toBeGreaterThanOrEqual(40);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const openedAtMs = Date.now();
    await page.goto(host.openLine.replace(/^open /, ''));
    await page.getByRole('tab', { name: 'Performance' }).click();
    const chart = page.getByTestId('cpu-chart');
    await chart.waitFor();
    /** The CPU line's points (x px, left to right) and the plot's width. */
    const line = () =>
      chart.evaluate((el) => {
        const d = el.querySelector('.recharts-area-curve')?.getAttribute('d') ?? '';
        const xs = [...d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => Number(m[1]));
        return { xs, svgWidth: el.querySelector('svg')?.getBoundingClientRect().width ?? 0 };
      });
    /** How many seconds the drawn line reaches back from its newest point. */
    const reachSec = async () => {
      const { xs, svgWidth } = await line();
      if (xs.length < 2) return 0;
      return ((Math.max(...xs) - Math.min(...xs)) / (svgWidth - Y_AXIS_PX)) * WINDOW_SEC;
    };
    // Live snapshots alone can't reach back further than the page has existed: the line does.
    await expect.poll(async () => (await reachSec()) - (Date.now() - openedAtMs) / 1000, { timeout: 5_000 }).toBeGreaterThan(5);
    expect((await line()).xs.length).toBeGreaterThan(5);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'performance-opened-late.png') });
    await page.close();
  });
});
