/**
 * The Electron app's collector launcher for the core's supervisor: the collector runs in a
 * `utilityProcess` (its own OS process, so a crash in FFI code never takes the window; not
 * sandboxed, so it can read every process as main can). Messages are structured clones over the
 * utility process's parent port; the child side is src-main/collector/collector-process.ts.
 */
import type { UtilityProcess } from 'electron';
import { isCollectorToHost } from '../collector/protocol.ts';
import type { CollectorHandle, CollectorLauncher } from '../core/collector-supervisor.ts';
import { withLeanHeap } from '../core/lean-heap.ts';

/** The parts of `utilityProcess.fork`'s result used here. */
export type UtilityChild = Pick<UtilityProcess, 'pid' | 'postMessage' | 'kill'> & {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
};

export type ForkUtility = (
  modulePath: string,
  args: string[],
  options: { serviceName: string; stdio: 'inherit' | 'ignore'; execArgv: string[] },
) => UtilityChild;

export function utilityCollectorLauncher(fork: ForkUtility, entry: string): CollectorLauncher {
  return (): CollectorHandle => {
    const child = fork(entry, [], { serviceName: 'Task Manager collector', stdio: 'inherit', execArgv: withLeanHeap([]) });
    let exitReason: string | null = null;
    let fatalReport: string | null = null;
    const exitListeners: ((reason: string) => void)[] = [];
    child.on('error', (type, location) => {
      // V8 fatal error: 'exit' follows; keep what V8 said for the status line.
      fatalReport = `${type} at ${location}`;
    });
    child.on('exit', (code) => {
      exitReason = fatalReport ? `the collector crashed (${fatalReport})` : `the collector exited with code ${code}`;
      for (const listener of exitListeners) listener(exitReason);
    });
    return {
      // Known once the process has spawned; read when needed, never cached.
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (exitReason === null) child.postMessage(message);
      },
      kill: () => {
        if (exitReason === null) child.kill();
      },
      onMessage: (listener) =>
        child.on('message', (message) => {
          if (isCollectorToHost(message)) listener(message);
        }),
      onExit: (listener) => {
        if (exitReason !== null) listener(exitReason);
        else exitListeners.push(listener);
      },
    };
  };
}
