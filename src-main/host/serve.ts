/**
 * `npm run -s serve -- [--host 127.0.0.1] [--port 8737] [--token-file F | --token T]
 * [--allow-control [--control-token-file F | --control-token T]] [--interval-ms 1000] [--tls-cert F --tls-key F]
 * [--history-dir DIR] [--history-command-lines own|all|none] [--no-history]`
 *
 * Stdout carries two lines once the first snapshot is ready, and a third with `--allow-control`:
 *   listening http://HOST:PORT
 *   open http://HOST:PORT/#token=TOKEN            (the view token: the page shows, never acts)
 *   control http://HOST:PORT/#token=CONTROL_TOKEN (the control token: the page also acts)
 * Everything else goes to stderr, and no token is ever logged. Bad flags exit 2 (so does a token
 * file that can't be read or doesn't hold a token, or the two tokens being the same); a port in use
 * exits 1; SIGINT/SIGTERM close everything (collector included) and exit 0. Token files are read
 * again when they change (token-file-watch.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseHostOptions } from './host-options.ts';
import { PROJECT_ROOT, RENDERER_ROOT, startHost } from './host.ts';
import { readTokenFile } from './token-file.ts';

const parsed = parseHostOptions(process.argv.slice(2), process.env);
if (!parsed.ok) {
  process.stderr.write(`serve: ${parsed.message}\n`);
  process.exit(2);
}
for (const warning of parsed.warnings) process.stderr.write(`serve: ${warning}\n`);
let options = parsed.value;
if (parsed.tokenFilePath !== null) options = { ...options, token: tokenFromFile(parsed.tokenFilePath, '--token-file') };
if (parsed.controlTokenFilePath !== null) options = { ...options, controlToken: tokenFromFile(parsed.controlTokenFilePath, '--control-token-file') };
if (options.token !== null && options.token === options.controlToken) {
  process.stderr.write('serve: the control token is the same as the view token: give the control token a value of its own, or the view token could act\n');
  process.exit(2);
}
for (const file of [options.tlsCertPath, options.tlsKeyPath]) {
  if (file !== null && !fs.existsSync(file)) {
    process.stderr.write(`serve: ${file} does not exist\n`);
    process.exit(2);
  }
}

ensureRendererBuilt();

let host;
try {
  host = await startHost({ ...options, tokenFilePath: parsed.tokenFilePath, controlTokenFilePath: parsed.controlTokenFilePath });
} catch (error) {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
  if (code === 'EADDRINUSE') process.stderr.write(`serve: port ${options.port} on ${options.host} is already in use; pick another with --port (0 picks a free one)\n`);
  else if (code === 'EACCES') process.stderr.write(`serve: not allowed to listen on port ${options.port} (ports below 1024 need privileges)\n`);
  else if (code === 'EADDRNOTAVAIL') process.stderr.write(`serve: ${options.host} is not an address of this machine\n`);
  else process.stderr.write(`serve: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const running = host;

let isClosing = false;
const shutdown = (signal: string) => {
  if (isClosing) return;
  isClosing = true;
  process.stderr.write(`serve: ${signal}: closing\n`);
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

await running.firstSnapshot;
process.stderr.write(
  `serve: control is ${options.isControlAllowed ? 'allowed with the control token (the "control" link); the "open" link only views' : 'off (start with --allow-control to act on processes)'}\n`,
);
const controlLine = running.controlToken === null ? '' : `control ${running.url}/#token=${running.controlToken}\n`;
process.stdout.write(`listening ${running.url}\nopen ${running.url}/#token=${running.token}\n${controlLine}`);

/** The token of `--token-file` or `--control-token-file`, or exit 2 saying why (never with the token). */
function tokenFromFile(file: string, flag: '--token-file' | '--control-token-file'): string {
  const fromFile = readTokenFile(file, undefined, flag);
  if (!fromFile.ok) {
    process.stderr.write(`serve: ${fromFile.message}\n`);
    process.exit(2);
  }
  if (fromFile.warning !== null) process.stderr.write(`serve: warning: ${fromFile.warning}\n`);
  return fromFile.token;
}

/** Builds the renderer when dist/renderer is missing or older than its sources (build output to stderr). */
function ensureRendererBuilt(): void {
  const index = path.join(RENDERER_ROOT, 'index.html');
  if (fs.existsSync(index) && newestSourceMs() <= fs.statSync(index).mtimeMs) return;
  process.stderr.write('serve: building the renderer (vite build)\n');
  const vite = path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    // The page users get, whatever started the host: a test runner's NODE_ENV=test would make
    // Vite build React's development version.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status !== 0) {
    process.stderr.write('serve: the renderer could not be built; see the output above\n');
    process.exit(1);
  }
}

function newestSourceMs(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ['src-renderer', 'src-shared']) walk(path.join(PROJECT_ROOT, dir));
  return newest;
}
