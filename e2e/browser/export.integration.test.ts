/**
 * Export from the page, in Chromium through a view-only host: "Processes as CSV" downloads the
 * rows as the table shows them, and the file, parsed back by an RFC 4180 reader, holds the process
 * this test started (and only the rows the search left).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseCsvObjects } from '../../src-shared/testing/csv-parse.ts';
import { launchChromium } from '../../src-main/test-support/chromium.ts';
import { endAllOwned, spawnOwned } from '../../src-main/test-support/child-processes.ts';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';

const TOKEN = 'export-e2e-token-0123456789';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'export-e2e-'));
let host: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '500']);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await endAllOwned();
  fs.rmSync(scratch, { recursive: true, force: true });
});

it('Export → Processes as CSV downloads the rows shown, with the process this test started', async () => {
  const name = 'e2e-export-me';
  const exe = path.join(scratch, name);
  // A shell under a name of its own, waiting on its stdin (no child of its own to outlive it), with
  // a command line holding a comma and quotes: it must come back from the file as it was.
  fs.copyFileSync('/bin/sh', exe);
  fs.chmodSync(exe, 0o755);
  const script = 'read line; : "a, b"';
  const child = spawnOwned(exe, ['-c', script], { stdio: ['pipe', 'ignore', 'ignore'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await page.goto(host.openLine.replace(/^open /, ''));
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  const row = page.getByRole('grid', { name: 'Processes' }).locator('[role="row"][aria-selected]').filter({ hasText: name });
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);

  await page.getByRole('button', { name: 'Export' }).click();
  const downloaded = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Processes as CSV' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^taskmgr-processes-\d{13}\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const records = parseCsvObjects(text);
  // The search left one row; the file is that row, not the whole machine.
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ pid: String(child.pid), name, command_line: `${exe} -c ${script}` });
  expect(Number(records[0]?.start_time_ms)).toBeGreaterThan(0);
  expect(records[0]?.memory_bytes).toMatch(/^\d+$/);
  await page.close();
});
