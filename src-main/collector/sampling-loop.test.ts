import { describe, expect, it } from 'vitest';
import { FakeTimers } from '../test-support/fake-timers.ts';
import { SamplingLoop, type LoopClock } from './sampling-loop.ts';

class FakeClock extends FakeTimers implements LoopClock {}

/** A loop whose tick records the time it ran at and then spends `workMs()` of it. */
function makeLoop(intervalMs: number, workMs: (tickIndex: number) => number = () => 0) {
  const clock = new FakeClock();
  clock.nowMs = 10_000;
  const tickTimes: number[] = [];
  const loop = new SamplingLoop(
    () => {
      tickTimes.push(clock.now());
      clock.spend(workMs(tickTimes.length - 1));
    },
    intervalMs,
    clock,
  );
  return { clock, loop, tickTimes };
}

describe('SamplingLoop', () => {
  it('ticks first one interval after start, not at once', () => {
    const { clock, loop, tickTimes } = makeLoop(1000);
    loop.start();
    expect(loop.running).toBe(true);
    clock.advance(999);
    expect(tickTimes).toEqual([]);
    clock.advance(1);
    expect(tickTimes).toEqual([11_000]);
  });

  it('waits what is left of the interval after the tick’s own work', () => {
    const { clock, loop } = makeLoop(1000, () => 300);
    loop.start();
    clock.advance(1000);
    // The first wait is the whole interval; the tick then took 300 ms, so the next wait is 700 ms.
    expect(clock.waits).toEqual([1000, 700]);
  });

  it('keeps ticks on start + k × interval whatever each tick costs', () => {
    const work = [300, 50, 999, 0, 420];
    const { clock, loop, tickTimes } = makeLoop(1000, (i) => work[i] ?? 0);
    loop.start();
    clock.advance(5000);
    expect(tickTimes).toEqual([11_000, 12_000, 13_000, 14_000, 15_000]);
  });

  it('stays on its grid when a timer fires late', () => {
    const { clock, loop, tickTimes } = makeLoop(1000);
    loop.start();
    clock.advance(1000);
    // The event loop was busy: the timer due at 12 000 runs at 12 250 instead.
    clock.spend(1250);
    clock.advance(0);
    expect(tickTimes).toEqual([11_000, 12_250]);
    expect(clock.waits.at(-1)).toBe(750);
    clock.advance(750);
    expect(tickTimes).toEqual([11_000, 12_250, 13_000]);
  });

  it('skips the slots an overrunning tick missed instead of firing them back to back', () => {
    // The second tick (at 12 000) takes 2 500 ms: the slots at 13 000 and 14 000 are gone.
    const { clock, loop, tickTimes } = makeLoop(1000, (i) => (i === 1 ? 2500 : 0));
    loop.start();
    clock.advance(2000);
    expect(tickTimes).toEqual([11_000, 12_000]);
    expect(clock.now()).toBe(14_500);
    expect(clock.waits.at(-1)).toBe(500);
    clock.advance(2000);
    expect(tickTimes).toEqual([11_000, 12_000, 15_000, 16_000]);
  });

  it('never schedules a negative wait when a tick overruns by whole intervals exactly', () => {
    const { clock, loop, tickTimes } = makeLoop(1000, (i) => (i === 0 ? 2000 : 0));
    loop.start();
    clock.advance(1000);
    expect(clock.now()).toBe(13_000);
    expect(Math.min(...clock.waits)).toBeGreaterThanOrEqual(0);
    clock.advance(1000);
    expect(tickTimes).toHaveLength(2);
    expect((tickTimes[1] ?? 0) % 1000).toBe(0);
  });

  it('stops: no tick after stop() and no timer left behind', () => {
    const { clock, loop, tickTimes } = makeLoop(1000);
    loop.start();
    clock.advance(2000);
    loop.stop();
    expect(loop.running).toBe(false);
    expect(clock.pendingCount).toBe(0);
    clock.advance(10_000);
    expect(tickTimes).toEqual([11_000, 12_000]);
  });

  it('stops when the tick itself calls stop()', () => {
    const clock = new FakeClock();
    let ticks = 0;
    const loop: SamplingLoop = new SamplingLoop(
      () => {
        ticks += 1;
        loop.stop();
      },
      1000,
      clock,
    );
    loop.start();
    clock.advance(5000);
    expect(ticks).toBe(1);
    expect(clock.pendingCount).toBe(0);
  });

  it('applies a new interval from now: the next tick is one new interval away', () => {
    const { clock, loop, tickTimes } = makeLoop(1000);
    loop.start();
    clock.advance(1000);
    clock.advance(400); // 11 400, 600 ms before the tick that was due at 12 000
    loop.setIntervalMs(250);
    expect(loop.interval).toBe(250);
    clock.advance(1000);
    expect(tickTimes).toEqual([11_000, 11_650, 11_900, 12_150, 12_400]);
    expect(clock.pendingCount).toBe(1);
  });

  it('remembers a new interval set while stopped and uses it on start', () => {
    const { clock, loop, tickTimes } = makeLoop(1000);
    loop.setIntervalMs(500);
    expect(clock.pendingCount).toBe(0);
    loop.start();
    clock.advance(1000);
    expect(tickTimes).toEqual([10_500, 11_000]);
  });

  it('keeps a single timer when the tick itself changes the interval', () => {
    const clock = new FakeClock();
    const tickTimes: number[] = [];
    const loop: SamplingLoop = new SamplingLoop(
      () => {
        tickTimes.push(clock.now());
        if (tickTimes.length === 1) loop.setIntervalMs(500);
      },
      1000,
      clock,
    );
    loop.start();
    clock.advance(2000);
    expect(tickTimes).toEqual([1000, 1500, 2000]);
    expect(clock.pendingCount).toBe(1);
    // A stale second timer would survive stop() and double the ticks after the next start().
    loop.stop();
    expect(clock.pendingCount).toBe(0);
    loop.start();
    clock.advance(1000);
    expect(tickTimes).toEqual([1000, 1500, 2000, 2500, 3000]);
  });

  it('ignores a second start() while running', () => {
    const { clock, loop, tickTimes } = makeLoop(1000);
    loop.start();
    clock.advance(500);
    loop.start();
    expect(clock.pendingCount).toBe(1);
    clock.advance(500);
    expect(tickTimes).toEqual([11_000]);
  });
});
