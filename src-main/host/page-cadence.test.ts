import { describe, expect, it } from 'vitest';
import { EVERY_TICK, isPageDue } from './page-cadence.ts';

const every = (intervalMs: number) => ({ isPaused: false, intervalMs });

describe('isPageDue', () => {
  it.each([
    // cadence, last sent, now, host interval → due
    ['never sent', every(1000), null, 0, 1000, true],
    ['paused, never sent', { isPaused: true, intervalMs: 1000 }, null, 0, 1000, false],
    ['paused, long ago', { isPaused: true, intervalMs: 1000 }, 0, 60_000, 1000, false],
    ['1 s page, 1 s host, on time', every(1000), 0, 1000, 1000, true],
    ['1 s page, 1 s host, 30 ms early', every(1000), 0, 970, 1000, true],
    ['1 s page, 500 ms host, first tick after', every(1000), 0, 500, 500, false],
    ['1 s page, 500 ms host, second tick after', every(1000), 0, 1000, 500, true],
    ['1 s page, 500 ms host, second tick 40 ms early', every(1000), 0, 960, 500, true],
    ['4 s page, 1 s host, third tick', every(4000), 0, 3000, 1000, false],
    ['4 s page, 1 s host, fourth tick', every(4000), 0, 4000, 1000, true],
    ['every tick on a 500 ms host', EVERY_TICK, 0, 500, 500, true],
    ['a page faster than the host gets every tick', every(250), 0, 2000, 2000, true],
  ] as const)('%s', (_what, cadence, last, now, host, due) => {
    expect(isPageDue(cadence, last, now, host)).toBe(due);
  });

  it('a 1 s page on a 500 ms host gets every second tick over a minute of jittered ticks', () => {
    let last: number | null = null;
    let sent = 0;
    for (let tick = 1; tick <= 120; tick++) {
      const now = tick * 500 + (tick % 3 === 0 ? 20 : tick % 3 === 1 ? -20 : 0);
      if (isPageDue(every(1000), last, now, 500)) {
        sent += 1;
        last = now;
      }
    }
    expect(sent).toBe(60);
  });
});
