/**
 * Starts the collector as a Node child process (the headless host's launcher; the Electron app
 * injects a utilityProcess one). Structured-clone serialisation: snapshots cross as objects.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCollectorToHost } from '../collector/protocol.ts';
import type { CollectorHandle, CollectorLauncher } from './collector-supervisor.ts';
import { withLeanHeap } from './lean-heap.ts';

/**
 * The collector's entry beside this module: the TypeScript source when run from src-main, the
 * bundle (dist/collector/collector-process.js) when this module is part of dist/host/serve.js.
 */
export const COLLECTOR_ENTRY = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'collector',
  import.meta.url.endsWith('.ts') ? 'collector-process.ts' : 'collector-process.js',
);

export function nodeCollectorLauncher(entry = COLLECTOR_ENTRY): CollectorLauncher {
  return (): CollectorHandle => {
    const child = fork(entry, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: withLeanHeap(process.execArgv),
    });
    let exitReason: string | null = null;
    const exitListeners: ((reason: string) => void)[] = [];
    child.on('exit', (code, signal) => {
      exitReason = signal ? `the collector was ended by ${signal}` : `the collector exited with code ${code ?? 'unknown'}`;
      for (const listener of exitListeners) listener(exitReason);
    });
    child.on('error', () => undefined); // a failed spawn also emits 'exit'
    return {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message);
      },
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
      onMessage: (listener) =>
        child.on('message', (message: unknown) => {
          if (isCollectorToHost(message)) listener(message);
        }),
      onExit: (listener) => {
        if (exitReason !== null) listener(exitReason);
        else exitListeners.push(listener);
      },
    };
  };
}
