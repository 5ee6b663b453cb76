import { describe, expect, it } from 'vitest';
import { cadenceOf, speedInEffect } from './update-speed.ts';

describe('cadenceOf', () => {
  it.each([
    ['fast', { isPaused: false, intervalMs: 500 }],
    ['normal', { isPaused: false, intervalMs: 1000 }],
    ['slow', { isPaused: false, intervalMs: 4000 }],
    ['paused', { isPaused: true, intervalMs: 1000 }],
  ] as const)('%s → %j', (speed, cadence) => {
    expect(cadenceOf(speed)).toEqual(cadence);
  });
});

describe('speedInEffect', () => {
  it.each([
    ['normal on a 1 s source', 'normal', false, 1000, { kind: 'live', intervalMs: 1000, isSlowedBySource: false }],
    ['normal before two samples', 'normal', false, null, { kind: 'live', intervalMs: 1000, isSlowedBySource: false }],
    ['normal on a jittery 1.1 s source', 'normal', false, 1100, { kind: 'live', intervalMs: 1000, isSlowedBySource: false }],
    ['fast on a 2 s host', 'fast', false, 2013, { kind: 'live', intervalMs: 2000, isSlowedBySource: true }],
    ['normal on a 2.6 s host', 'normal', false, 2600, { kind: 'live', intervalMs: 2500, isSlowedBySource: true }],
    ['slow on a 1 s host', 'slow', false, 1000, { kind: 'live', intervalMs: 4000, isSlowedBySource: false }],
    ['fast on a 250 ms host', 'fast', false, 250, { kind: 'live', intervalMs: 500, isSlowedBySource: false }],
    ['held wins over live', 'normal', true, 1000, { kind: 'held' }],
    ['paused wins over held', 'paused', true, 1000, { kind: 'paused' }],
  ] as const)('%s', (_what, speed, isHeld, sampling, expected) => {
    expect(speedInEffect(speed, isHeld, sampling)).toEqual(expected);
  });
});
