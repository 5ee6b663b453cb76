import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../format.ts';
import { axisPercent, formatPartOf, percentOf } from './figures.ts';

describe('formatPartOf', () => {
  it('reads "part of whole"', () => {
    expect(formatPartOf(1024, 4096, formatBytes)).toBe('1.0 KB of 4.0 KB');
    expect(formatPartOf(0, 4096, formatBytes)).toBe('0 B of 4.0 KB');
  });

  it('shows the part alone where the whole is unknown, and "—" where the part is', () => {
    expect(formatPartOf(1024, null, formatBytes)).toBe('1.0 KB');
    expect(formatPartOf(null, 4096, formatBytes)).toBe('—');
    expect(formatPartOf(null, null, formatBytes)).toBe('—');
  });
});

describe('percentOf', () => {
  it('is the share in percent, capped to 0–100', () => {
    expect(percentOf(1, 4)).toBe(25);
    expect(percentOf(5, 4)).toBe(100);
  });

  it('is unknown where either figure is, or the whole is 0', () => {
    expect(percentOf(null, 4)).toBeNull();
    expect(percentOf(1, null)).toBeNull();
    expect(percentOf(0, 0)).toBeNull();
  });
});

describe('axisPercent', () => {
  it('labels an axis in whole percent', () => {
    expect(axisPercent(0)).toBe('0%');
    expect(axisPercent(50)).toBe('50%');
  });
});
