/**
 * `npm run bench:renderer -- [--extra N] [--ticks T]`
 *
 * The built renderer in Debian's Chromium through the headless host, with N extra idle processes
 * (default: enough for ~2,000): main-thread time per tick (Chrome's TaskDuration over T ticks at
 * 1 Hz, and the per-tick median/p90 of script + layout + style), long tasks over 50 ms, and the
 * time from navigation to the first rows on screen, and the script loaded before them. Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { launchChromium } from '../src-main/test-support/chromium.ts';
import { startServe } from '../src-main/test-support/serve-process.ts';
import { wholeNumberFlag } from './bench-args.ts';

const flag = (name: string, fallback: number) => wholeNumberFlag('bench:renderer', process.argv, name, fallback);

const running = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).length;
const extra = flag('--extra', Math.max(0, 2000 - running));
const ticks = Math.max(5, flag('--ticks', 30));
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
const round = (v: number) => Math.round(v * 100) / 100;

const group = spawn('sh', ['-c', `i=0; while [ $i -lt ${extra} ]; do sleep 3600 & i=$((i+1)); done; echo ready; wait`], {
  detached: true,
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) => group.stdout?.once('data', () => resolve()));
const token = 'renderer-bench-token-0123456789';
const host = await startServe(['--port', '0', '--token', token, '--interval-ms', '1000'], {}, 'bundle');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  // The script the page loaded before its first rows (what a user waits for; chunks loaded later,
  // such as the Performance tab's, are not counted).
  const scriptBodies: Promise<number>[] = [];
  let isFirstRowsShown = false;
  page.on('response', (response) => {
    if (!isFirstRowsShown && response.request().resourceType() === 'script') scriptBodies.push(response.body().then((body) => body.length, () => 0));
  });
  const started = Date.now();
  await page.goto(host.openLine.replace(/^open /, ''));
  await page.getByRole('grid', { name: 'Processes' }).locator('[role="row"][aria-rowindex="2"]').waitFor();
  const firstRowsMs = Date.now() - started;
  isFirstRowsShown = true;
  const scriptBytesBeforeFirstRows = (await Promise.all(scriptBodies)).reduce((sum, n) => sum + n, 0);
  const rowCount = Number(await page.getByRole('grid', { name: 'Processes' }).getAttribute('aria-rowcount')) - 1;
  await page.waitForTimeout(3000); // settle: JIT, first deltas
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (names: string[]) => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return names.reduce((sum, name) => sum + (metrics.find((m) => m.name === name)?.value ?? 0), 0);
  };
  const busyNames = ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];
  const perTick: number[] = [];
  const task0 = await metric(['TaskDuration']);
  let previous = await metric(busyNames);
  for (let i = 0; i < ticks; i++) {
    await page.waitForTimeout(1000);
    const now = await metric(busyNames);
    perTick.push((now - previous) * 1000);
    previous = now;
  }
  const taskMsPerTick = ((await metric(['TaskDuration'])) - task0) * 1000 / ticks;
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  process.stdout.write(
    `${JSON.stringify({
      processes: rowCount,
      ticks,
      mainThreadTaskMsPerTick: round(taskMsPerTick),
      scriptLayoutStyleMsPerTick: { median: round(quantile(perTick, 0.5)), p90: round(quantile(perTick, 0.9)) },
      longTasksOver50Ms: longTasks.filter((d) => d > 50).length,
      longestTaskMs: round(Math.max(0, ...longTasks)),
      navigationToFirstRowsMs: firstRowsMs,
      scriptBytesBeforeFirstRows,
    })}\n`,
  );
} finally {
  await browser.close();
  await host.end();
  if (group.pid !== undefined && group.exitCode === null && group.signalCode === null) process.kill(-group.pid, 'SIGKILL');
}
