/**
 * `npm test`: the whole suite, as CI runs it. Type-check (every environment's project), lint
 * (layer rules), then vitest (unit, then integration against real processes), then the Windows
 * adapter under Wine (`npm run test:wine`). Each check counts as one test; vitest's and the Wine
 * suite's tests count one each. Ends with the plain line `N passed, N failed`, also
 * written to test-results/summary.txt for .ci/run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const resultsDir = path.join(root, 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });

let passed = 0;
let failed = 0;

function run(label: string, command: string, args: string[]): boolean {
  process.stderr.write(`\n── ${label}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

for (const [label, command, args] of [
  ['typecheck', bin('tsc'), ['-b']],
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
] as const) {
  if (run(label, command, [...args])) passed += 1;
  else {
    failed += 1;
    process.stderr.write(`✗ ${label} failed\n`);
  }
}

interface VitestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numTotalTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
}

function readReport(file: string): VitestReport {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as VitestReport;
  } catch {
    return {};
  }
}

let total = 0;
let skipped = 0;
// Unit tests first, then the integration tests on their own, so that CPU measurements against
// real processes never share the machine with the parallel unit run.
for (const project of ['unit', 'integration']) {
  const reportFile = path.join(resultsDir, `vitest-${project}.json`);
  fs.rmSync(reportFile, { force: true });
  const ok = run(`${project} tests`, bin('vitest'), [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${reportFile}`,
  ]);
  const report = readReport(reportFile);
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  total += report.numTotalTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (!ok && (report.numFailedTests ?? 0) === 0) {
    failed += 1; // the run itself failed (a file that did not load, a hang)
    process.stderr.write(`✗ ${project} tests: the run failed outside any test\n`);
  }
}
if (total === 0) failed += 1; // a run with no tests is a failure, never a pass

// The Windows adapter for real under Wine (scripts/wine/test-wine.ts): its tests count one each.
// It skips, saying why, where Wine is missing; on CI a missing Wine is a failure.
const wineSummaryFile = path.join(resultsDir, 'wine-summary.json');
fs.rmSync(wineSummaryFile, { force: true });
const isWineOk = run('Windows adapter under Wine', process.execPath, ['scripts/wine/test-wine.ts']);
let wine: { passed?: number; failed?: number; skipped?: number } = {};
try {
  wine = JSON.parse(fs.readFileSync(wineSummaryFile, 'utf8')) as typeof wine;
} catch {
  // no summary: the suite died before it could write one
}
passed += wine.passed ?? 0;
failed += wine.failed ?? 0;
skipped += wine.skipped ?? 0;
if (!isWineOk && (wine.failed ?? 0) === 0) {
  failed += 1;
  process.stderr.write('✗ Windows adapter under Wine: the run failed outside any test\n');
}

const summary = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
fs.writeFileSync(path.join(resultsDir, 'summary.txt'), `${summary}\n`);
process.stdout.write(`\n${summary}\n`);
process.exit(failed === 0 ? 0 : 1);
