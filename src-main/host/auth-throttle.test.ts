import { describe, expect, it } from 'vitest';
import { AuthThrottle, throttleKey } from './auth-throttle.ts';

const WINDOW_MS = 60_000;

/** A throttle of 3 failures a minute over at most `maxAddresses`, on a clock the test moves. */
function throttle(maxAddresses = 100) {
  const clock = { nowMs: 1_000_000 };
  const subject = new AuthThrottle({ maxFailures: 3, windowMs: WINDOW_MS, maxAddresses, now: () => clock.nowMs });
  return { subject, clock };
}

type Step = ['fail' | 'succeed', string] | ['wait', number];

describe('AuthThrottle', () => {
  it.each<[string, Step[], string, number]>([
    ['a fresh address may try', [], '10.0.0.1', 0],
    ['below the limit it may still try', [['fail', '10.0.0.1'], ['fail', '10.0.0.1']], '10.0.0.1', 0],
    [
      'at the limit it must wait a whole window from the oldest failure',
      [['fail', '10.0.0.1'], ['fail', '10.0.0.1'], ['fail', '10.0.0.1']],
      '10.0.0.1',
      WINDOW_MS,
    ],
    [
      'at the limit after spread-out failures it waits until the oldest one is a window old',
      [['fail', '10.0.0.1'], ['wait', 20_000], ['fail', '10.0.0.1'], ['wait', 20_000], ['fail', '10.0.0.1']],
      '10.0.0.1',
      WINDOW_MS - 40_000,
    ],
    [
      'one millisecond before the window passes it is still refused',
      [['fail', '10.0.0.1'], ['fail', '10.0.0.1'], ['fail', '10.0.0.1'], ['wait', WINDOW_MS - 1]],
      '10.0.0.1',
      1,
    ],
    [
      'once the window has passed it may try again',
      [['fail', '10.0.0.1'], ['fail', '10.0.0.1'], ['fail', '10.0.0.1'], ['wait', WINDOW_MS]],
      '10.0.0.1',
      0,
    ],
    [
      'failures older than the window do not count towards the limit',
      [['fail', '10.0.0.1'], ['fail', '10.0.0.1'], ['wait', WINDOW_MS], ['fail', '10.0.0.1'], ['fail', '10.0.0.1']],
      '10.0.0.1',
      0,
    ],
    [
      'after the window one more failure refuses it again (the limit slides)',
      [['fail', '10.0.0.1'], ['wait', 1], ['fail', '10.0.0.1'], ['fail', '10.0.0.1'], ['wait', WINDOW_MS - 1], ['fail', '10.0.0.1']],
      '10.0.0.1',
      1,
    ],
    ['another address is not refused', [['fail', '10.0.0.1'], ['fail', '10.0.0.1'], ['fail', '10.0.0.1']], '10.0.0.2', 0],
    [
      "another address's success does not reset this one",
      [['fail', '10.0.0.1'], ['fail', '10.0.0.1'], ['fail', '10.0.0.1'], ['succeed', '10.0.0.2']],
      '10.0.0.1',
      WINDOW_MS,
    ],
    ['its own success below the limit starts it afresh', [['fail', '10.0.0.1'], ['fail', '10.0.0.1'], ['succeed', '10.0.0.1'], ['fail', '10.0.0.1'], ['fail', '10.0.0.1']], '10.0.0.1', 0],
    [
      'an IPv4-mapped IPv6 address is the same client as its IPv4 address',
      [['fail', '::ffff:10.0.0.1'], ['fail', '10.0.0.1'], ['fail', '::ffff:10.0.0.1']],
      '10.0.0.1',
      WINDOW_MS,
    ],
    [
      'addresses of one IPv6 /64 are one client',
      [['fail', '2001:db8:1:2::1'], ['fail', '2001:db8:1:2::2'], ['fail', '2001:db8:1:2:aaaa:bbbb:cccc:dddd']],
      '2001:db8:1:2::ffff',
      WINDOW_MS,
    ],
    [
      'another IPv6 /64 is another client',
      [['fail', '2001:db8:1:2::1'], ['fail', '2001:db8:1:2::2'], ['fail', '2001:db8:1:2::3']],
      '2001:db8:1:3::1',
      0,
    ],
  ])('%s', (_name, steps, address, expectedMs) => {
    const { subject, clock } = throttle();
    for (const step of steps) {
      if (step[0] === 'wait') clock.nowMs += step[1];
      else if (step[0] === 'fail') subject.recordFailure(step[1]);
      else subject.recordSuccess(step[1]);
    }
    expect(subject.retryAfterMs(address)).toBe(expectedMs);
  });

  it('remembers at most maxAddresses, forgetting the one whose last failure is oldest', () => {
    const { subject, clock } = throttle(3);
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      for (let i = 0; i < 3; i++) subject.recordFailure(address);
      clock.nowMs += 1;
    }
    subject.recordFailure('10.0.0.1'); // 10.0.0.1 failed again: now 10.0.0.2 is the oldest
    subject.recordFailure('10.0.0.4');
    expect(subject.trackedCount).toBe(3);
    expect(subject.retryAfterMs('10.0.0.2')).toBe(0);
    expect(subject.retryAfterMs('10.0.0.1')).toBeGreaterThan(0);
    expect(subject.retryAfterMs('10.0.0.3')).toBeGreaterThan(0);
  });

  it('stays bounded under a flood of distinct addresses', () => {
    const { subject } = throttle(1_000);
    for (let i = 0; i < 50_000; i++) subject.recordFailure(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(subject.trackedCount).toBe(1_000);
  });

  it('forgets an address whose failures have all left the window', () => {
    const { subject, clock } = throttle();
    subject.recordFailure('10.0.0.1');
    clock.nowMs += WINDOW_MS;
    expect(subject.retryAfterMs('10.0.0.1')).toBe(0);
    expect(subject.trackedCount).toBe(0);
  });
});

describe('throttleKey', () => {
  it.each<[string, string]>([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:192.168.1.10', '192.168.1.10'],
    ['::FFFF:192.168.1.10', '192.168.1.10'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['2001:DB8:0001:0002:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::', '2001:db8:1:2::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
    ['not an address', 'not an address'],
    ['1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8:9'],
    ['1::2::3', '1::2::3'],
    ['', ''],
  ])('%s → %s', (address, key) => {
    expect(throttleKey(address)).toBe(key);
  });
});
