/**
 * `npm run test:wine`: the Windows adapter for real, under Wine. In a prefix of its own
 * (.toolchain/wine-test-prefix) on an Xvfb display of its own, Windows Node 22 runs every
 * `*.windows.test.ts` file through wine-test-runner.ts; then `collect:wine`'s NDJSON is checked
 * against the contract. Each test counts one; the summary goes to test-results/wine-summary.json
 * for `npm test`. Where Wine is missing it says so and skips, except on CI (CI=true), where a
 * missing Wine is a failure. Everything it started (Xvfb, the prefix's wineserver) is stopped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { snapshotSchema } from '../../src-shared/snapshot.ts';
import { ensurePrefix, ROOT, runWindowsNode, startXvfb, stopWineserver, wineEnv, wineProblem, type Display, type WineEnv } from './wine-setup.ts';

interface Outcome {
  file: string;
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  error?: string;
}

export interface WineSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** Why the suite did not run, when it did not. */
  skippedBecause?: string;
}

const resultsDir = path.join(ROOT, 'test-results');
const summaryFile = path.join(resultsDir, 'wine-summary.json');
/** The whole Windows run; a minidump of node.exe alone takes ~40 s under Wine. */
const RUN_TIMEOUT_MS = 8 * 60 * 1000;

function finish(summary: WineSummary): never {
  fs.writeFileSync(summaryFile, JSON.stringify(summary));
  const skipped = summary.skipped > 0 ? `, ${summary.skipped} skipped` : '';
  process.stdout.write(`\nwine: ${summary.passed} passed, ${summary.failed} failed${skipped}${summary.skippedBecause ? ` (${summary.skippedBecause})` : ''}\n`);
  process.exit(summary.failed === 0 ? 0 : 1);
}

function testFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.windows.test.ts')) found.push(relative);
    }
  };
  for (const dir of fs.readdirSync(ROOT).filter((d) => d.startsWith('src-'))) walk(dir);
  return found.sort();
}

/** Runs the Windows test files under Wine; their outcomes, or one failure saying why there are none. */
async function runWindowsTests(env: WineEnv, files: readonly string[]): Promise<Outcome[]> {
  const resultsFile = path.join(resultsDir, 'wine-results.json');
  fs.rmSync(resultsFile, { force: true });
  const run = await runWindowsNode(env, ['scripts/wine/wine-test-runner.ts', '--results', path.relative(ROOT, resultsFile), ...files], {
    stdoutFile: path.join(resultsDir, 'wine-runner.log'),
    stderrFile: path.join(resultsDir, 'wine-runner.err'),
    timeoutMs: RUN_TIMEOUT_MS,
    onOutput: (bytes) => process.stderr.write(bytes),
  });
  let outcomes: Outcome[] = [];
  try {
    outcomes = (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { results: Outcome[] }).results;
  } catch {
    // no results file: the runner did not start
  }
  if (run.code !== 0 || outcomes.length === 0) {
    const stderr = fs.readFileSync(run.stderrFile, 'utf8').trim().split('\n').slice(-20).join('\n');
    outcomes.push({ file: 'scripts/wine/wine-test-runner.ts', name: `the Windows runner (exit ${run.code})`, status: 'failed', durationMs: 0, error: stderr });
  }
  return outcomes;
}

/** `collect:wine` as a user runs it: N lines of NDJSON, each a valid snapshot, the Windows adapter's own. */
function checkCollectWine(env: WineEnv): Outcome {
  const name = 'collect:wine prints 2 snapshots of Wine’s processes as NDJSON, each valid by the contract';
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['scripts/wine/collect-wine.ts', '--count', '2', '--interval-ms', '500'], {
    cwd: ROOT,
    env: { ...process.env, ...env }, // this suite's prefix and display, as after `eval "$(scripts/wine-env.sh)"`
    encoding: 'utf8',
    timeout: 120_000,
  });
  const durationMs = Math.round(performance.now() - t0);
  try {
    if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr}`);
    const lines = run.stdout.trim().split('\n');
    if (lines.length !== 2) throw new Error(`${lines.length} lines, not 2`);
    for (const line of lines) {
      const snapshot = snapshotSchema.parse(JSON.parse(line));
      const names = new Set(snapshot.processes.map((p) => p.name.toLowerCase()));
      // Processes only a Windows API has: the sampler read Wine's process table, not Linux's.
      for (const expected of ['services.exe', 'node.exe']) if (!names.has(expected)) throw new Error(`no ${expected} in ${[...names].join(', ')}`);
    }
    return { file: 'scripts/wine/collect-wine.ts', name, status: 'passed', durationMs };
  } catch (error) {
    return { file: 'scripts/wine/collect-wine.ts', name, status: 'failed', durationMs, error: String(error) };
  }
}

fs.mkdirSync(resultsDir, { recursive: true });
const problem = wineProblem();
if (problem) {
  if (process.env['CI'] === 'true') {
    process.stderr.write(`wine: ${problem}; on CI the Wine suite must run\n`);
    finish({ passed: 0, failed: 1, skipped: 0, skippedBecause: problem });
  }
  process.stderr.write(`wine: skipped: ${problem}\n`);
  finish({ passed: 0, failed: 0, skipped: 1, skippedBecause: problem });
}

let display: Display | null = null;
let env: WineEnv | null = null;
const outcomes: Outcome[] = [];
try {
  display = await startXvfb({ isDetached: false });
  env = wineEnv('wine-test-prefix', display.display);
  stopWineserver(env); // one left from an interrupted run would hold a display that has gone
  ensurePrefix(env);
  outcomes.push(...(await runWindowsTests(env, testFiles())));
  outcomes.push(checkCollectWine(env));
} catch (error) {
  outcomes.push({ file: 'scripts/wine/test-wine.ts', name: 'set-up', status: 'failed', durationMs: 0, error: String(error) });
} finally {
  if (env) stopWineserver(env);
  display?.stop();
}

for (const o of outcomes.filter((x) => x.status === 'failed')) process.stderr.write(`\n✗ ${o.file} › ${o.name}\n${o.error ?? ''}\n`);
finish({
  passed: outcomes.filter((o) => o.status === 'passed').length,
  failed: outcomes.filter((o) => o.status === 'failed').length,
  skipped: outcomes.filter((o) => o.status === 'skipped').length,
});
