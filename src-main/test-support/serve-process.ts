/**
 * Test support: `serve.ts` started as a user starts it (a child process of the test), with its two
 * stdout lines (three with `--allow-control`) read and its stderr kept for assertions; and raw HTTP requests to it.
 */
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { endOwned, spawnOwned } from './child-processes.ts';

export const SERVE_ENTRY = fileURLToPath(new URL('../host/serve.ts', import.meta.url));
/** `npm run serve`'s entry and flags: the bundles in dist/, built when stale (scripts/serve.js). */
export const BUNDLED_SERVE_COMMAND: readonly string[] = ['--max-semi-space-size=1', fileURLToPath(new URL('../../scripts/serve.js', import.meta.url))];

/** Hosts started by this test file, to name each one's rules file. */
let served = 0;

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  openLine: string;
  /** `control URL/#token=…` with `--allow-control`, else null. */
  controlLine: string | null;
  /** The control token of `controlLine` (given or generated), else null. */
  controlToken: string | null;
  stdout: () => string;
  stderr: () => string;
  end(): Promise<void>;
}

/**
 * Starts the host and resolves once it printed its lines, or rejects with what it said. `entry`:
 * the TypeScript source (default; what the tests exercise) or `npm run serve`'s bundles. History is
 * off (`--no-history`) unless `args` names `--history-dir`.
 */
export function startServe(args: readonly string[], env: NodeJS.ProcessEnv = {}, entry: 'source' | 'bundle' = 'source'): Promise<ServeProcess> {
  const command = entry === 'bundle' ? BUNDLED_SERVE_COMMAND : [SERVE_ENTRY];
  // A test never records into the user's own history folder: history is off unless it names a folder.
  const history = args.includes('--no-history') || args.some((arg) => arg.startsWith('--history-dir')) ? [] : ['--no-history'];
  // Nor reads or writes the user's own rules (rules.json beside history): a file of its own, made only if a rule is saved.
  const rules = args.some((arg) => arg.startsWith('--rules-file')) ? [] : ['--rules-file', path.join(os.tmpdir(), `taskmgr-test-rules-${process.pid}-${++served}.json`)];
  const child = spawnOwned(process.execPath, [...command, ...args, ...history, ...rules], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TASKMGR_TOKEN: undefined, TASKMGR_CONTROL_TOKEN: undefined, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address within 60 s; stderr: ${stderr}`)), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}; stderr: ${stderr}`));
    });
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const lines = stdout.split('\n');
      const lineCount = args.includes('--allow-control') ? 3 : 2;
      if (lines.length <= lineCount) return;
      clearTimeout(timer);
      const [listening = '', openLine = '', controlLine = null] = lines;
      resolve({
        child,
        url: listening.replace(/^listening /, ''),
        openLine,
        controlLine: lineCount === 3 ? controlLine : null,
        controlToken: lineCount === 3 ? (/#token=(.+)$/.exec(controlLine ?? '')?.[1] ?? null) : null,
        stdout: () => stdout,
        stderr: () => stderr,
        end: () => endOwned(child),
      });
    });
  });
}

/** Runs serve with arguments that make it exit, and gives its exit code and output. */
export function runServeToExit(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnOwned(process.execPath, [SERVE_ENTRY, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TASKMGR_TOKEN: undefined, TASKMGR_CONTROL_TOKEN: undefined, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The loopback address the request comes from (127.0.0.0/8 on Linux): the host throttles failed tokens per address. */
  localAddress?: string;
}

/**
 * One HTTP request through node:http, which, unlike fetch, sends a `Host` header the test chooses
 * and a source address of its own; answered as a fetch `Response` (421 included).
 */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers }));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
