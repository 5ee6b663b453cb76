/**
 * End task as Task Manager does it on Windows, so unsaved work gets its chance: a process with
 * visible top-level windows is first asked to close (WM_CLOSE, what its close button sends), and is
 * terminated only if it has not exited after `timeoutMs` (5 s in the app) — or at once when the user
 * chose `force`, or when there is no window to ask. Everything is injected (the Windows calls, the
 * clock), so the sequence is tested with fakes on any OS.
 */
import type { CommandResult } from '../../../src-shared/commands.ts';

/** How long an app gets to close after WM_CLOSE before it is terminated. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 5_000;
/** How often the targets are checked for having exited while they close. */
export const CLOSE_POLL_MS = 100;

export interface GracefulEndDeps<T> {
  /** The visible, unowned top-level windows of these targets (window handles). */
  windowsOf(targets: readonly T[]): readonly number[];
  /** Posts WM_CLOSE; a window that is already gone is no error. */
  postClose(hwnd: number): void;
  hasExited(target: T): boolean;
  /** Terminates at once (TerminateProcess), answering the command's result. */
  terminate(target: T): CommandResult;
  sleep(ms: number): Promise<void>;
  now(): number;
}

export interface GracefulEndOptions {
  /** Terminate at once without asking. */
  force: boolean;
  timeoutMs: number;
  pollMs?: number;
}

/**
 * Ends `targets` (members of one app, or a single process) and answers one result per target, in
 * the same order. A target that exits by itself after WM_CLOSE is `{ ok: true }`: it was ended.
 * Survivors are terminated in the order given (callers pass children before parents).
 */
export async function endGracefully<T>(targets: readonly T[], deps: GracefulEndDeps<T>, options: GracefulEndOptions): Promise<CommandResult[]> {
  const windows = options.force ? [] : deps.windowsOf(targets);
  if (windows.length > 0) {
    for (const hwnd of windows) deps.postClose(hwnd);
    const deadline = deps.now() + options.timeoutMs;
    const pollMs = options.pollMs ?? CLOSE_POLL_MS;
    while (!targets.every((target) => deps.hasExited(target)) && deps.now() < deadline) {
      await deps.sleep(Math.min(pollMs, Math.max(0, deadline - deps.now())));
    }
  }
  return targets.map((target) => (!options.force && windows.length > 0 && deps.hasExited(target) ? { ok: true } : deps.terminate(target)));
}
