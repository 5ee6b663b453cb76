import { describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../../../src-shared/collector-status.ts';
import type { ConnectionState } from '../../../src-shared/stream.ts';
import { staleMessage, staleReason, type StaleInput } from './StaleBanner.tsx';

const UP: CollectorStatus = { state: 'up', restarts: 0, message: null, sinceMs: 0 };
const CONNECTED: ConnectionState = { state: 'connected', message: null, sinceMs: 0 };
const base: StaleInput = {
  connection: CONNECTED,
  status: UP,
  updateSpeed: 'normal',
  isHeld: false,
  receivedAtMs: 10_000,
  samplingIntervalMs: 1000,
  nowMs: 10_500,
};

describe('staleReason', () => {
  it.each([
    ['fresh figures', {}, null],
    ['three intervals late', { nowMs: 13_100 }, 'late'],
    ['late on a slow page: not yet', { updateSpeed: 'slow', nowMs: 13_100 }, null],
    ['late on a 2 s host: measured by the host’s interval', { samplingIntervalMs: 2000, nowMs: 15_000 }, null],
    ['paused is not stale', { updateSpeed: 'paused', nowMs: 60_000 }, null],
    ['held by Ctrl is not stale', { isHeld: true, nowMs: 60_000 }, null],
    ['connection lost wins over everything', { connection: { state: 'lost', message: 'x', sinceMs: 1 }, status: { ...UP, state: 'down' } }, 'connection'],
    ['token refused', { connection: { state: 'refused', message: 'x', sinceMs: 1 } }, 'connection'],
    ['collector down, host reachable', { status: { ...UP, state: 'down', message: 'exited with code 1' } }, 'collector'],
    ['collector restarting after a crash', { status: { ...UP, state: 'starting', restarts: 2 } }, 'collector'],
    ['collector starting for the first time', { status: { ...UP, state: 'starting' }, receivedAtMs: null }, null],
    ['collector down while paused still says so', { updateSpeed: 'paused', status: { ...UP, state: 'down' } }, 'collector'],
  ] as const)('%s', (_what, change, kind) => {
    expect(staleReason({ ...base, ...change } as StaleInput)?.kind ?? null).toBe(kind);
  });
});

describe('staleMessage', () => {
  it('tells a lost connection from a collector that is down', () => {
    const lost = staleMessage({ kind: 'connection', connection: { state: 'lost', message: null, sinceMs: 0 } });
    const down = staleMessage({ kind: 'collector', status: { ...UP, state: 'down', message: 'exited with code 1' } });
    expect(lost).toMatch(/connection to the host was lost/);
    expect(lost).not.toMatch(/collector/);
    expect(down).toBe('The collector stopped: exited with code 1; restarting it…');
    expect(down).not.toMatch(/connection/);
  });

  it('says a refused token and a restart count in plain words', () => {
    expect(staleMessage({ kind: 'connection', connection: { state: 'refused', message: null, sinceMs: 0 } })).toMatch(/refused this page’s token/);
    expect(staleMessage({ kind: 'collector', status: { ...UP, state: 'starting', restarts: 3 } })).toBe('The collector is restarting (restart 3)…');
  });
});
