/**
 * `npm run -s collect:wine -- [--count N] [--interval-ms M]`: `collect`'s NDJSON, produced by the
 * Windows adapter under Wine (Windows Node 22 in the project's prefix). Wine's Node can't write to
 * a pipe, so it writes to a file and this script streams the file to stdout as it grows; its
 * stderr follows once it exits, and its exit code is this script's. The flags are `collect`'s and
 * are checked there (a bad flag exits 2).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runWindowsNode, sharedWineEnv } from './wine-setup.ts';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-collect-wine-'));
let code: number | null = 1;
try {
  const env = await sharedWineEnv();
  const run = await runWindowsNode(env, ['src-main/cli/collect.ts', ...process.argv.slice(2)], {
    stdoutFile: path.join(folder, 'stdout'),
    stderrFile: path.join(folder, 'stderr'),
    // Generous: collect's own flags bound the run (at most 10 s between samples).
    timeoutMs: 24 * 60 * 60 * 1000,
    onOutput: (bytes) => process.stdout.write(bytes),
  });
  // Wine's own notes (a volume it can't label) are not collect's: only Node's output is passed on.
  const stderr = fs.readFileSync(run.stderrFile, 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('wine: '));
  if (stderr.length > 0) process.stderr.write(`${stderr.join('\n')}\n`);
  code = run.code;
} catch (error) {
  process.stderr.write(`collect:wine: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}
process.exitCode = code ?? 1;
