/**
 * Process control for real, inside a PID namespace of its own (`unshare --pid --fork
 * --mount-proc`): the driver is pid 1 there and starts every process it acts on, so no mistake can
 * reach the machine's init or anything else. Each case checks the effect through /proc.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandResultSchema } from '../../../src-shared/commands.ts';

const driver = fileURLToPath(new URL('../../test-support/control-namespace-driver.ts', import.meta.url));
let seen: Record<string, unknown>;

beforeAll(() => {
  const run = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, driver], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`the namespace driver failed (${run.status}): ${run.stderr}`);
  seen = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
});

const result = (value: unknown) => commandResultSchema.parse(value);
const field = <T>(key: string) => seen[key] as T;

describe('Linux process control (in a PID namespace)', () => {
  it('suspend stops the process (state T) and resume continues it (S or R)', () => {
    const suspend = field<{ result: unknown; stateAfter: string }>('suspend');
    expect(result(suspend.result)).toEqual({ ok: true });
    expect(suspend.stateAfter).toBe('T');
    const resume = field<{ result: unknown; stateAfter: string }>('resume');
    expect(result(resume.result)).toEqual({ ok: true });
    expect(['S', 'R']).toContain(resume.stateAfter);
  });

  it('kill ends the process and it is reaped', () => {
    const kill = field<{ result: unknown; isGone: boolean }>('kill');
    expect(result(kill.result)).toEqual({ ok: true });
    expect(kill.isGone).toBe(true);
  });

  it('kill tree ends all three levels, leaves first, and leaves an unrelated sibling alive', () => {
    const tree = field<{ levels: number[]; result: unknown; isTreeGone: boolean; siblingState: string }>('killTree');
    expect(tree.levels).toEqual([1, 1, 1]);
    const outcome = result(tree.result);
    // A middle shell may exit on its own once its child is ended, before its turn: it is gone, not failed.
    expect(outcome.ok && 'done' in outcome ? [outcome.done.length + outcome.gone.length, outcome.failed.length] : null).toEqual([3, 0]);
    if (outcome.ok && 'done' in outcome) {
      expect(outcome.done.length).toBeGreaterThanOrEqual(1);
      const startTimes = outcome.done.map((d) => d.startTimeMs);
      expect(startTimes).toEqual([...startTimes].sort((a, b) => b - a)); // newest (deepest) first
    }
    expect(tree.isTreeGone).toBe(true);
    expect(tree.siblingState).toBe('S');
  });

  it('killApp ends every member of a grouped app', () => {
    const app = field<{ memberCount: number; result: unknown; isAppGone: boolean }>('killApp');
    expect(app.memberCount).toBe(3);
    expect(result(app.result)).toMatchObject({ ok: true, failed: [] });
    expect(app.isAppGone).toBe(true);
  });

  it('a stale start time is STALE_PID and the process lives on', () => {
    const stale = field<{ result: unknown; stateAfter: string }>('stale');
    expect(result(stale.result)).toMatchObject({ ok: false, code: 'STALE_PID' });
    expect(stale.stateAfter).toBe('S');
  });

  it('pid 1 is PROTECTED (for end and for suspend); an absent pid is NOT_FOUND', () => {
    expect(result(seen['pid1'])).toMatchObject({ ok: false, code: 'PROTECTED' });
    expect(result(seen['pid1Suspend'])).toMatchObject({ ok: false, code: 'PROTECTED' });
    expect(result(seen['notFound'])).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('pid -1, 0, 1.5, "abc", 2^53 and a missing start time are INVALID_ARGUMENT, and nothing is signalled', () => {
    const invalid = field<unknown[]>('invalid');
    expect(invalid).toHaveLength(6);
    for (const answer of invalid) expect(result(answer)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(seen['bystanderState']).toBe('S');
  });

  it('a priority is visible as the nice value of every thread of a multi-threaded process', () => {
    const below = field<{ result: unknown; nices: number[] }>('priorityBelowNormal');
    expect(result(below.result)).toEqual({ ok: true });
    expect(below.nices.length).toBeGreaterThanOrEqual(4);
    expect(new Set(below.nices)).toEqual(new Set([10]));
    const high = field<{ result: unknown; nices: number[] }>('priorityHigh');
    expect(new Set(high.nices)).toEqual(new Set([-14]));
    expect(result(seen['priorityRealtime'])).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
  });

  it('an affinity is visible in /proc/<pid>/status; a CPU the machine lacks is INVALID_ARGUMENT', () => {
    const affinity = field<{ before: string; result: unknown; after: string }>('affinity');
    expect(result(affinity.result)).toEqual({ ok: true });
    expect(affinity.after).toBe('0');
    expect(result(seen['affinityOutOfRange'])).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });

  it('the acting code as an unprivileged uid against another uid’s process gets ACCESS_DENIED saying elevation is needed', () => {
    const denied = field<{ result: unknown; targetState: string }>('accessDenied');
    const answer = result(denied.result);
    expect(answer).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
    expect(!answer.ok && answer.message).toMatch(/elevated/);
    expect(denied.targetState).toBe('S');
  });
});
