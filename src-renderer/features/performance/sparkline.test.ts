import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline.ts';

const BOX = { widthPx: 100, heightPx: 42, windowSec: 60, max: 100 };

describe('sparklinePath', () => {
  it('is empty without points, or with only unknown ones', () => {
    expect(sparklinePath([], BOX)).toBe('');
    expect(sparklinePath([{ t: 0, v: null }], BOX)).toBe('');
  });

  it('draws a single point as a dot at the right edge', () => {
    expect(sparklinePath([{ t: 0, v: 50 }], BOX)).toBe('M100 21h0');
  });

  it('runs from the left edge (−window) to the right (0), max at the top, 0 at the bottom (1 px inset)', () => {
    expect(
      sparklinePath(
        [
          { t: -60, v: 0 },
          { t: -30, v: 100 },
          { t: 0, v: 50 },
        ],
        BOX,
      ),
    ).toBe('M0 41L50 1L100 21');
  });

  it('draws all zeros as a flat line on the bottom', () => {
    expect(
      sparklinePath(
        [
          { t: -1, v: 0 },
          { t: 0, v: 0 },
        ],
        BOX,
      ),
    ).toBe('M98.3 41L100 41');
  });

  it('breaks the line at unknown figures (a gap, not a dip to 0), dotting a lone point', () => {
    expect(
      sparklinePath(
        [
          { t: -60, v: 100 },
          { t: -45, v: null },
          { t: -30, v: 100 },
          { t: -15, v: 100 },
          { t: 0, v: null },
        ],
        BOX,
      ),
    ).toBe('M0 1h0M50 1L75 1');
  });

  it('clamps values and times into the box, and survives a max of 0', () => {
    expect(
      sparklinePath(
        [
          { t: -90, v: 150 },
          { t: 5, v: -3 },
        ],
        BOX,
      ),
    ).toBe('M0 1L100 41');
    expect(sparklinePath([{ t: 0, v: 0 }], { ...BOX, max: 0 })).toBe('M100 41h0');
  });
});
