import { describe, expect, it } from 'vitest';
import { failure, type CommandResult, type Failure } from '../../../src-shared/commands.ts';
import { restartExplorer, type RestartExplorerDeps } from './restart-explorer.ts';

type Outcome = 'ended' | 'skipped' | Failure;

function world(outcomes: Outcome[], options: { isShellUp?: boolean; restartsItselfAfterMs?: number | null; startAnswer?: CommandResult } = {}) {
  let nowMs = 0;
  let isShellUp = options.isShellUp ?? true;
  let endedAtMs: number | null = null;
  const log: string[] = [];
  const deps: RestartExplorerDeps<number> = {
    candidates: outcomes.map((_, i) => i),
    endIfShell: async (i) => {
      const outcome = outcomes[i] ?? 'skipped';
      log.push(`end ${i}: ${typeof outcome === 'string' ? outcome : outcome.code}`);
      if (outcome === 'ended') {
        isShellUp = false;
        endedAtMs = nowMs;
      }
      return outcome;
    },
    hasShell: () => {
      const after = options.restartsItselfAfterMs;
      if (!isShellUp && endedAtMs !== null && after !== null && after !== undefined && nowMs >= endedAtMs + after) isShellUp = true;
      return isShellUp;
    },
    startExplorer: async () => {
      log.push('start explorer.exe');
      isShellUp = true;
      return options.startAnswer ?? { ok: true };
    },
    sleep: async (ms) => {
      nowMs += ms;
    },
    now: () => nowMs,
  };
  return { deps, log, now: () => nowMs };
}

describe('restartExplorer', () => {
  it('ends the shell, and starts explorer.exe when Windows has not restarted it after the wait', async () => {
    const w = world(['ended'], { restartsItselfAfterMs: null });
    expect(await restartExplorer(w.deps, { autoRestartWaitMs: 3_000 })).toEqual({ ok: true });
    expect(w.log).toEqual(['end 0: ended', 'start explorer.exe']);
    expect(w.now()).toBe(3_000);
  });

  it('does not start a second explorer.exe when Windows restarts the shell by itself', async () => {
    const w = world(['ended'], { restartsItselfAfterMs: 700 });
    expect(await restartExplorer(w.deps, { autoRestartWaitMs: 3_000 })).toEqual({ ok: true });
    expect(w.log).toEqual(['end 0: ended']);
    expect(w.now()).toBeLessThan(3_000);
  });

  it('skips explorer.exe processes that are not this session’s shell, and ends the others', async () => {
    const w = world(['skipped', 'ended', 'skipped'], { restartsItselfAfterMs: null });
    expect(await restartExplorer(w.deps, { autoRestartWaitMs: 500 })).toEqual({ ok: true });
    expect(w.log).toEqual(['end 0: skipped', 'end 1: ended', 'end 2: skipped', 'start explorer.exe']);
  });

  it('answers the refusal and starts nothing when it could end none (e.g. STALE_PID)', async () => {
    const stale = failure('STALE_PID', 'pid 5 now belongs to another process');
    const w = world([stale]);
    expect(await restartExplorer(w.deps, { autoRestartWaitMs: 3_000 })).toEqual(stale);
    expect(w.log).toEqual(['end 0: STALE_PID']);
  });

  it('starts the shell when none is running and there is nothing to end', async () => {
    const w = world([], { isShellUp: false });
    expect(await restartExplorer(w.deps, { autoRestartWaitMs: 3_000 })).toEqual({ ok: true });
    expect(w.log).toEqual(['start explorer.exe']);
    expect(w.now()).toBe(0);
  });

  it('says NOT_FOUND when a shell runs but none of the candidates is it', async () => {
    const w = world(['skipped']);
    expect(await restartExplorer(w.deps, { autoRestartWaitMs: 3_000 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(w.log).toEqual(['end 0: skipped']);
  });

  it('passes a failure to start explorer.exe through', async () => {
    const w = world(['ended'], { restartsItselfAfterMs: null, startAnswer: failure('INTERNAL', 'could not start') });
    expect(await restartExplorer(w.deps, { autoRestartWaitMs: 100 })).toEqual(failure('INTERNAL', 'could not start'));
  });
});
