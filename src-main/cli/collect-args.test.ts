import { describe, expect, it } from 'vitest';
import { parseCollectArgs } from './collect-args.ts';

describe('parseCollectArgs', () => {
  it('defaults to one snapshot at 1000 ms', () => {
    expect(parseCollectArgs([])).toEqual({ ok: true, value: { count: 1, intervalMs: 1000 } });
  });

  it.each([
    [['--count', '3'], { count: 3, intervalMs: 1000 }],
    [['--count=3'], { count: 3, intervalMs: 1000 }],
    [['--interval-ms', '250'], { count: 1, intervalMs: 250 }],
    [['--interval-ms=10000'], { count: 1, intervalMs: 10_000 }],
    [['--interval-ms', '10000', '--count', '2'], { count: 2, intervalMs: 10_000 }],
    [['--count', '1', '--count', '5'], { count: 5, intervalMs: 1000 }],
  ])('accepts %j', (argv, value) => {
    expect(parseCollectArgs(argv)).toEqual({ ok: true, value });
  });

  it.each([
    [['--interval-ms', '249'], '--interval-ms'],
    [['--interval-ms=10001'], '--interval-ms'],
    [['--interval-ms', '-1'], '--interval-ms'],
    [['--interval-ms', '1.5'], '--interval-ms'],
    [['--interval-ms', 'abc'], '--interval-ms'],
    [['--interval-ms'], '--interval-ms'],
    [['--interval-ms='], '--interval-ms'],
    [['--count', '0'], '--count'],
    [['--count', '-1'], '--count'],
    [['--count=1.5'], '--count'],
    [['--count', 'abc'], '--count'],
    [['--count', ''], '--count'],
    [['--count'], '--count'],
    [['--count', '99999999999999999999'], '--count'],
    [['--verbose'], '--verbose'],
    [['--count', '2', '--interval'], '--interval'],
    [['3'], '3'],
  ])('rejects %j with a message naming %s', (argv, flag) => {
    const result = parseCollectArgs(argv);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(flag);
  });

  it('says what the interval bounds are', () => {
    const result = parseCollectArgs(['--interval-ms', '249']);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/250.*10000/) });
  });

  it('does not take the next flag as a missing value', () => {
    const result = parseCollectArgs(['--count', '--interval-ms', '500']);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('--count');
  });
});
