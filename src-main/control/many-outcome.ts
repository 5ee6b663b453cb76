/**
 * The answer of a command over several processes (a tree, an app), from one result per target
 * (DESIGN.md "Expected failures are values"): `{ ok: true, done, gone, failed }` when any was acted
 * on or had already exited, else the first failure. A target answered NOT_FOUND or STALE_PID has
 * exited since the snapshot the list came from (a parent shell exits once its child is ended; a
 * reused pid was checked and left alone): that is `gone`, not a refusal to show the user. Pure.
 */
import { failure, type CommandResult, type ManyOutcome } from '../../src-shared/commands.ts';
import type { ProcessIdentity } from '../../src-shared/snapshot.ts';

export function manyOutcome(targets: readonly ProcessIdentity[], results: readonly CommandResult[], what: string): CommandResult {
  const outcome: ManyOutcome = { ok: true, done: [], gone: [], failed: [] };
  targets.forEach((target, index) => {
    const result = results[index] ?? failure('INTERNAL', `${what}: no result`);
    const identity = { pid: target.pid, startTimeMs: target.startTimeMs };
    if (result.ok) outcome.done.push(identity);
    else if (result.code === 'NOT_FOUND' || result.code === 'STALE_PID') outcome.gone.push(identity);
    else outcome.failed.push({ ...identity, code: result.code, message: result.message });
  });
  if (outcome.done.length > 0 || (outcome.gone.length > 0 && outcome.failed.length === 0)) return outcome;
  const first = outcome.failed[0];
  return first ? failure(first.code, first.message) : failure('NOT_FOUND', `${what}: nothing to act on`);
}

/** An app's members in the order to end them: newest first, so children go before the parents that would reap them. */
export function newestFirst(members: readonly ProcessIdentity[]): ProcessIdentity[] {
  return [...members].sort((a, b) => b.startTimeMs - a.startTimeMs || b.pid - a.pid);
}
