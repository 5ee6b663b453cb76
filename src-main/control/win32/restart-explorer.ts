/**
 * Restart Windows Explorer: end this session's explorer.exe processes (each identity-checked by the
 * caller), then make sure a shell comes back — Windows' own AutoRestartShell often restarts it
 * within a moment; if no taskbar has appeared after `autoRestartWaitMs`, explorer.exe is started.
 * Waiting first avoids a second explorer.exe that would open a File Explorer window instead of a
 * shell. Injected, so the sequence is tested with fakes on any OS.
 */
import { failure, type CommandResult, type Failure } from '../../../src-shared/commands.ts';

/** How long Windows gets to restart the shell by itself before explorer.exe is started. */
export const AUTO_RESTART_WAIT_MS = 3_000;

export interface RestartExplorerDeps<T> {
  /** The explorer.exe processes of the latest snapshot. */
  candidates: readonly T[];
  /** Ends `target` and waits for its exit if it is Windows Explorer of this session; `skipped` if it is not. */
  endIfShell(target: T): Promise<'ended' | 'skipped' | Failure>;
  /** Whether a shell's taskbar exists. */
  hasShell(): boolean;
  startExplorer(): Promise<CommandResult>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

export async function restartExplorer<T>(deps: RestartExplorerDeps<T>, options: { autoRestartWaitMs: number; pollMs?: number }): Promise<CommandResult> {
  let endedCount = 0;
  const failures: Failure[] = [];
  for (const candidate of deps.candidates) {
    const outcome = await deps.endIfShell(candidate);
    if (outcome === 'ended') endedCount += 1;
    else if (outcome !== 'skipped') failures.push(outcome);
  }
  const firstFailure = failures[0];
  if (endedCount === 0 && firstFailure) return firstFailure;
  if (endedCount === 0 && deps.hasShell()) {
    return failure('NOT_FOUND', 'Restarting Windows Explorer: no Windows Explorer of this session is in the latest snapshot; try again in a moment');
  }
  if (endedCount > 0) {
    const deadline = deps.now() + options.autoRestartWaitMs;
    while (!deps.hasShell() && deps.now() < deadline) await deps.sleep(Math.min(options.pollMs ?? 100, Math.max(0, deadline - deps.now())));
  }
  return deps.hasShell() ? { ok: true } : deps.startExplorer();
}
