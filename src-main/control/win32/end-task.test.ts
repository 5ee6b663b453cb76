import { describe, expect, it } from 'vitest';
import { failure, type CommandResult } from '../../../src-shared/commands.ts';
import { endGracefully, type GracefulEndDeps } from './end-task.ts';

interface FakeProcess {
  pid: number;
  windows: number[];
  /** ms after WM_CLOSE at which it exits by itself; null: it ignores WM_CLOSE. */
  closesAfterMs: number | null;
  exitedAtMs: number | null;
  terminateAnswer?: CommandResult;
}

/** A clock that only moves when the code sleeps, and processes that exit on their schedule. */
function world(processes: FakeProcess[]) {
  let nowMs = 0;
  const log: string[] = [];
  const closedAtMs = new Map<number, number>();
  const byWindow = new Map(processes.flatMap((p) => p.windows.map((hwnd) => [hwnd, p] as const)));
  const tick = () => {
    for (const p of processes) {
      const closedAt = closedAtMs.get(p.pid);
      if (p.exitedAtMs === null && closedAt !== undefined && p.closesAfterMs !== null && nowMs >= closedAt + p.closesAfterMs) p.exitedAtMs = nowMs;
    }
  };
  const deps: GracefulEndDeps<FakeProcess> = {
    windowsOf: (targets) => targets.flatMap((t) => t.windows),
    postClose: (hwnd) => {
      log.push(`WM_CLOSE ${hwnd}`);
      const p = byWindow.get(hwnd);
      if (p && !closedAtMs.has(p.pid)) closedAtMs.set(p.pid, nowMs);
      tick();
    },
    hasExited: (p) => p.exitedAtMs !== null,
    terminate: (p) => {
      log.push(`terminate ${p.pid}`);
      if (p.terminateAnswer) return p.terminateAnswer;
      p.exitedAtMs = nowMs;
      return { ok: true };
    },
    sleep: async (ms) => {
      nowMs += ms;
      tick();
    },
    now: () => nowMs,
  };
  return { deps, log, now: () => nowMs };
}

const app = (overrides: Partial<FakeProcess> = {}): FakeProcess => ({ pid: 10, windows: [100], closesAfterMs: 300, exitedAtMs: null, ...overrides });

describe('endGracefully', () => {
  it('asks a windowed app to close and does not terminate it when it closes in time', async () => {
    const target = app();
    const w = world([target]);
    expect(await endGracefully([target], w.deps, { force: false, timeoutMs: 5_000 })).toEqual([{ ok: true }]);
    expect(w.log).toEqual(['WM_CLOSE 100']);
    expect(w.now()).toBeGreaterThanOrEqual(300);
    expect(w.now()).toBeLessThan(5_000); // it did not wait the whole timeout
  });

  it('terminates an app that has not closed after the timeout, and only then', async () => {
    const target = app({ closesAfterMs: null });
    const w = world([target]);
    expect(await endGracefully([target], w.deps, { force: false, timeoutMs: 5_000 })).toEqual([{ ok: true }]);
    expect(w.log).toEqual(['WM_CLOSE 100', 'terminate 10']);
    expect(w.now()).toBe(5_000);
  });

  it('with force, terminates at once without asking', async () => {
    const target = app();
    const w = world([target]);
    expect(await endGracefully([target], w.deps, { force: true, timeoutMs: 5_000 })).toEqual([{ ok: true }]);
    expect(w.log).toEqual(['terminate 10']);
    expect(w.now()).toBe(0);
  });

  it('terminates a process with no window at once (nothing to ask)', async () => {
    const target = app({ windows: [] });
    const w = world([target]);
    await endGracefully([target], w.deps, { force: false, timeoutMs: 5_000 });
    expect(w.log).toEqual(['terminate 10']);
    expect(w.now()).toBe(0);
  });

  it('for an app of several processes: closes every window, waits for all, terminates only the survivors, in the order given', async () => {
    const child = app({ pid: 11, windows: [], closesAfterMs: null });
    const main = app({ pid: 10, windows: [100, 101], closesAfterMs: 200 });
    const helper = app({ pid: 12, windows: [120], closesAfterMs: 50 });
    const w = world([child, main, helper]);
    const results = await endGracefully([child, main, helper], w.deps, { force: false, timeoutMs: 1_000 });
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(w.log).toEqual(['WM_CLOSE 100', 'WM_CLOSE 101', 'WM_CLOSE 120', 'terminate 11']);
    expect(w.now()).toBe(1_000); // the windowless child kept the wait going to the end
  });

  it('passes a failed terminate through as that target’s result', async () => {
    const target = app({ closesAfterMs: null, terminateAnswer: failure('ACCESS_DENIED', 'no') });
    const w = world([target]);
    expect(await endGracefully([target], w.deps, { force: false, timeoutMs: 200 })).toEqual([failure('ACCESS_DENIED', 'no')]);
  });

  it('never sleeps past the deadline', async () => {
    const target = app({ closesAfterMs: null });
    const w = world([target]);
    await endGracefully([target], w.deps, { force: false, timeoutMs: 250, pollMs: 100 });
    expect(w.now()).toBe(250);
  });
});
