// @ts-check
/**
 * `npm run serve`: the headless host as users run it — the bundled JavaScript in dist/host (and its
 * collector, dist/collector, inventory read, dist/inventory, and history writer, dist/history), rebuilt with `npm run build:app` when a source is newer. Plain
 * JavaScript on purpose: a TypeScript entry would make Node load its type stripper (~18 MB resident)
 * into the host and the collector for their whole life. package.json starts this with the
 * lean-heap flag (src-main/core/lean-heap.ts), which the collector inherits.
 * Same flags and output as `node src-main/host/serve.ts` (the tests' entry).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const outputs = ['dist/host/serve.js', 'dist/collector/collector-process.js', 'dist/inventory/inventory-child.js', 'dist/history/history-worker.js'].map((file) => path.join(root, file));

/** The newest modification time under the folders the bundles are built from. */
function newestSourceMs() {
  let newest = fs.statSync(path.join(root, 'package.json')).mtimeMs;
  for (const dir of ['src-main', 'src-shared']) {
    for (const entry of fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

const isStale = outputs.some((file) => !fs.existsSync(file) || fs.statSync(file).mtimeMs < newestSourceMs());
if (isStale) {
  process.stderr.write('serve: building dist/ (npm run build:app)\n');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-app.ts')], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    process.stderr.write('serve: the build failed; see the output above\n');
    process.exit(1);
  }
}
await import(pathToFileURL(outputs[0] ?? '').href);
