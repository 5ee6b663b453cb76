import { describe, expect, it } from 'vitest';
import { alertMarkers, MAX_ALERT_MARKERS } from './alert-markers.ts';

const END = 1_700_000_000_000;

describe('alertMarkers', () => {
  it.each([
    ['inside the span, newest first', [END - 10_000, END - 2_000], 60, [-2, -10]],
    ['not before the span nor after its end', [END - 61_000, END + 1_000, END - 60_000], 60, [-60]],
    ['one line for alerts fired at the same moment', [END - 5_000, END - 5_000], 60, [-5]],
    ['none held', [], 60, []],
  ])('%s', (_name, fired, windowSec, expected) => {
    expect(alertMarkers(fired, END, windowSec)).toEqual(expected);
  });

  it('draws at most MAX_ALERT_MARKERS, the newest', () => {
    const fired = Array.from({ length: MAX_ALERT_MARKERS + 10 }, (_, i) => END - (i + 1) * 1000);
    const markers = alertMarkers(fired, END, 3_600);
    expect(markers).toHaveLength(MAX_ALERT_MARKERS);
    expect(markers[0]).toBe(-1);
    expect(markers[MAX_ALERT_MARKERS - 1]).toBe(-MAX_ALERT_MARKERS);
  });
});
