/**
 * Runs test files under Windows Node in Wine (`npm run test:wine` starts it through wine64):
 *   node.exe scripts/wine/wine-test-runner.ts --results <file.json> <test files…>
 * The module name `vitest` resolves to `vitest-shim.ts` (vitest can't start under Wine 8), each
 * file is imported and its tests run one after another, and every outcome is written to the
 * results file as JSON, because Wine's Node can't write to a Linux pipe: the Linux side reads the
 * file. Progress goes to stdout, which the caller points at a file too. Node 22 (it strips types).
 */
import fs from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const shimUrl = pathToFileURL(path.join(import.meta.dirname, 'vitest-shim.ts')).href;
registerHooks({
  resolve: (specifier, context, nextResolve) => (specifier === 'vitest' ? { url: shimUrl, shortCircuit: true } : nextResolve(specifier, context)),
});
const { runCollected } = (await import(shimUrl)) as typeof import('./vitest-shim.ts');

const args = process.argv.slice(2);
const resultsIndex = args.indexOf('--results');
const resultsFile = resultsIndex >= 0 ? args[resultsIndex + 1] : undefined;
const files = args.filter((_, i) => i !== resultsIndex && i !== resultsIndex + 1);
if (!resultsFile || files.length === 0) {
  process.stderr.write('usage: wine-test-runner.ts --results <file.json> <test files…>\n');
  process.exit(2);
}

const results: unknown[] = [];
const write = () => fs.writeFileSync(resultsFile, JSON.stringify({ node: process.version, results }, null, 1));
for (const file of files) {
  process.stdout.write(`\n${file}\n`);
  try {
    await import(pathToFileURL(path.resolve(file)).href);
    for (const outcome of await runCollected(file)) {
      results.push(outcome);
      const mark = outcome.status === 'passed' ? '✓' : outcome.status === 'failed' ? '✗' : '-';
      process.stdout.write(`  ${mark} ${outcome.name} (${outcome.durationMs} ms)\n${outcome.error ? `${outcome.error}\n` : ''}`);
      write(); // after each test: a runner that hangs or dies still leaves what it ran
    }
  } catch (error) {
    results.push({ file, name: '(the file did not load)', status: 'failed', durationMs: 0, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.stdout.write(`  ✗ the file did not load: ${String(error)}\n`);
  }
  write();
}
// Children a test left behind must not keep Wine's Node (and with it the suite) running.
process.exit(0);
