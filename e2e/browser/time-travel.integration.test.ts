/**
 * Time travel in Chromium through the headless host, as a user would: a busy loop started by the
 * test is seen live with its CPU %, then ended; going back to a second it ran ("Go to time" in the
 * Processes toolbar) finds it again, with its CPU % of that second, read-only under the banner; the
 * CPU chart over the last hour reads that time and opens its processes; a drag across it zooms
 * into that span, and Export this range downloads it. Settings → History says it records, and
 * where. The host records history to a folder of this test's own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endAllOwned, endOwned, spawnOwned, waitForLine } from '../../src-main/test-support/child-processes.ts';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

const TOKEN = 'time-travel-e2e-token-0123456789';
const LOOP = 'e2e-travel-loop';
const ARTIFACTS = path.resolve('test-results', 'screenshots');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'time-travel-e2e-'));
let host: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '1000', '--history-dir', path.join(scratch, 'history')]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.openLine.replace(/^open /, ''));
  await grid().waitFor();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await host?.end();
  await endAllOwned();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const grid = () => page.getByRole('grid', { name: 'Processes' });
const loopRow = () => grid().locator('[role="row"][aria-selected]').filter({ hasText: LOOP });

/** A renamed copy of node, so its row is found by name. */
function copyOfNode(): string {
  const target = path.join(scratch, LOOP);
  fs.copyFileSync(process.execPath, target);
  fs.chmodSync(target, 0o755);
  return target;
}

/** A process's CPU time so far, seconds (Linux: utime + stime of /proc/<pid>/stat, at USER_HZ = 100). */
function loopCpuSeconds(pid: number | undefined): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The CPU % a row shows (the first "12.3%" cell), or null. */
async function rowCpu(): Promise<number | null> {
  const text = (await loopRow().textContent()) ?? '';
  const match = /(\d+(?:\.\d+)?)%/.exec(text);
  return match ? Number(match[1]) : null;
}

/** A moment as the datetime-local field takes it, in local time to the second. */
function localField(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

describe('time travel', () => {
  it('finds a busy loop that has ended at the second it ran, with its CPU %', async () => {
    const loop = spawnOwned(copyOfNode(), ['-e', 'console.log("ready"); for (;;) {}']);
    await waitForLine(loop, /ready/);
    await page.getByRole('searchbox', { name: 'Search' }).fill(LOOP);
    // Live: the loop runs, its CPU % is a share of the whole machine (one core's worth).
    const share = 100 / os.availableParallelism();
    await expect.poll(rowCpu, { timeout: 15_000 }).toBeGreaterThan(share / 2);
    expect(await loopRow().textContent()).toContain(String(loop.pid));
    // Two more ticks of it running, then a moment a second back: the field takes whole seconds, and
    // the tick at or before that second must be one where its CPU was known (not its first sample).
    await page.waitForTimeout(2_500);
    const ranAtMs = Date.now() - 1_000;
    // A few more seconds so the store has that second written (it commits every few seconds).
    await page.waitForTimeout(5_000);
    // What the loop had used when it ended (utime + stime, in clock ticks of 1/100 s), the most any figure of it can say.
    const usedSeconds = loopCpuSeconds(loop.pid);
    await endOwned(loop);
    await expect.poll(() => loopRow().count(), { timeout: 10_000 }).toBe(0);

    await page.getByLabel('Time to view').fill(localField(ranAtMs));
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    const banner = page.getByRole('region', { name: /^Viewing / });
    await banner.waitFor();
    await expect.poll(() => loopRow().count(), { timeout: 10_000 }).toBe(1);
    expect(await loopRow().textContent()).toContain(String(loop.pid));
    expect(await rowCpu()).toBeGreaterThan(share / 2);
    // Read-only: End task is offered disabled, saying why.
    await loopRow().click({ button: 'right' });
    const endTask = page.getByRole('menuitem', { name: 'End task' });
    expect(await endTask.getAttribute('aria-disabled')).toBe('true');
    expect(await endTask.getAttribute('title')).toMatch(/viewing the past/);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: path.join(ARTIFACTS, 'time-travel.png') });

    // "What was eating the CPU then?": Top consumers of the 15 minutes before that moment name the
    // loop with the CPU time it burned (at least a second, at most what the kernel counted for it;
    // the range's last minute is read whole), and its start is among the range's events.
    await page.getByRole('button', { name: 'What used the machine around here?' }).click();
    const top = page.getByRole('dialog', { name: /^What used the machine from / });
    await top.waitFor();
    const topRow = top.getByRole('table', { name: 'Top processes' }).locator('tbody tr').filter({ hasText: `${LOOP} (PID ${loop.pid})` });
    await expect.poll(() => topRow.count(), { timeout: 10_000 }).toBe(1);
    // CPU time, d:hh:mm:ss of one logical processor: the cell after the name.
    const cpuTime = (await topRow.locator('td').nth(1).textContent()) ?? '';
    const seconds = cpuTime.split(':').map(Number).reduce((sum, part) => sum * 60 + part, 0);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(Math.ceil(usedSeconds) + 1);
    const started = top.getByRole('grid', { name: 'History events' }).locator('[role="row"]').filter({ hasText: `${LOOP} (PID ${loop.pid})` });
    await expect.poll(() => started.count(), { timeout: 10_000 }).toBe(1);
    expect(await started.textContent()).toContain('Started');
    await page.screenshot({ path: path.join(ARTIFACTS, 'time-travel-top-consumers.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => top.count()).toBe(0);

    await page.getByRole('button', { name: 'Back to live' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    await expect.poll(() => loopRow().count(), { timeout: 10_000 }).toBe(0);
  });

  it('the CPU chart over the last hour reads a moment, and Enter there shows its processes', async () => {
    await page.getByRole('tab', { name: 'Performance' }).click();
    await page.getByLabel('Chart range').selectOption('1h');
    const cursor = page.getByRole('slider', { name: 'CPU utilisation, last 1 hour: cursor' });
    await cursor.waitFor();
    await expect.poll(() => page.getByText('History is off on this host').count()).toBe(0);
    await cursor.focus();
    await page.keyboard.press('End');
    expect(await cursor.textContent()).toMatch(/Total \d/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'time-travel-chart-1h.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('tab', { name: 'Processes' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('region', { name: /^Viewing / }).waitFor();
    await page.getByRole('button', { name: 'Back to live' }).click();
  });

  it('a drag across the chart zooms into that span; Export this range downloads its system series; Reset zoom goes back', async () => {
    await page.getByRole('tab', { name: 'Performance' }).click();
    await page.getByLabel('Chart range').selectOption('1h');
    const chart = page.getByRole('img', { name: 'CPU utilisation, last 1 hour' });
    await chart.waitFor();
    const box = await chart.boundingBox();
    if (!box) throw new Error('the chart has no box');
    // The last tenth of the hour's time axis (the tick column, 72 px, is on the right).
    const plotRight = box.x + box.width - 72;
    const y = box.y + box.height / 2;
    await page.mouse.move(plotRight - (box.width - 72) / 10, y);
    await page.mouse.down();
    await page.mouse.move(plotRight - 20, y, { steps: 5 });
    await page.mouse.up();
    const zoomed = page.getByRole('img', { name: /^CPU utilisation, last \d+ minutes to / });
    await zoomed.waitFor();
    // The drag was no click on a moment: still on the Performance tab, nothing in the past.
    expect(await page.getByRole('region', { name: /^Viewing / }).count()).toBe(0);
    await expect.poll(() => page.getByRole('slider', { name: /: cursor$/ }).first().getAttribute('aria-description')).toMatch(/Shift\+arrow keys pan/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'chart-zoomed.png') });

    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export this range' }).click();
    await page.getByRole('menuitem', { name: 'This range as CSV' }).click();
    const download = await downloaded;
    const name = /^taskmgr-system-(\d{13})-(\d{13})\.csv$/.exec(download.suggestedFilename());
    expect(name).not.toBeNull();
    const [fromMs, toMs] = [Number(name?.[1]), Number(name?.[2])];
    const lines = fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^taken_at_ms,interval_ms,cpu_percent,/);
    // The host recorded every second since it started: the span's seconds are there, within it.
    const times = lines.slice(1).map((line) => Number(line.split(',')[0]));
    expect(times.length).toBeGreaterThan(5);
    expect(times.every((t) => t >= fromMs && t <= toMs)).toBe(true);

    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await chart.waitFor();
    expect(await page.getByRole('button', { name: 'Reset zoom' }).count()).toBe(0);
  });

  it('Settings → History says it records, in the test’s folder', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText('Recording', { exact: true }).waitFor();
    expect(await page.getByText(`Folder: ${path.join(scratch, 'history')}`).count()).toBe(1);
    // A view-only host: the toggle is refused with the host's reason.
    await page.getByRole('checkbox', { name: 'Record command lines of my processes' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'History could not be changed' }).count()).toBe(1);
    await page.keyboard.press('Escape');
  });
});
