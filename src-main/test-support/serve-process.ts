/**
 * Test support: `serve.ts` started as a user starts it (a child process of the test), with its two
 * stdout lines read and its stderr kept for assertions.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { endOwned, spawnOwned } from './child-processes.ts';

export const SERVE_ENTRY = fileURLToPath(new URL('../host/serve.ts', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  openLine: string;
  stdout: () => string;
  stderr: () => string;
  end(): Promise<void>;
}

/** Starts the host and resolves once it printed both lines, or rejects with what it said. */
export function startServe(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawnOwned(process.execPath, [SERVE_ENTRY, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TASKMGR_TOKEN: undefined, ...env },
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
      if (lines.length < 3) return;
      clearTimeout(timer);
      const [listening = '', openLine = ''] = lines;
      resolve({
        child,
        url: listening.replace(/^listening /, ''),
        openLine,
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
    env: { ...process.env, TASKMGR_TOKEN: undefined, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}
