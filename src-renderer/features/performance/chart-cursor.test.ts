import { describe, expect, it } from 'vitest';
import { nearestRow, rowFigures, rowMs, tAtFraction } from './chart-cursor.ts';

describe('nearestRow', () => {
  const rows = [{ t: -60 }, { t: -30 }, { t: -20 }, { t: 0 }];
  it.each([
    [-70, 0],
    [-46, 0], // 14 s from the first, 16 s from the second
    [-44, 1],
    [-26, 1],
    [-24, 2],
    [-1, 3],
    [5, 3],
  ])('t %d → row %d', (t, index) => {
    expect(nearestRow(rows, t)).toBe(index);
  });
  it('is −1 without rows', () => {
    expect(nearestRow([], -5)).toBe(-1);
  });
});

describe('tAtFraction', () => {
  it.each([
    [0, 60, -60],
    [0.5, 60, -30],
    [1, 3600, 0],
    [-0.2, 60, -60], // left of the plot: its start
    [1.5, 60, 0], // over the axis on the right: the end
    [Number.NaN, 60, 0], // a chart with no width (not laid out): the end
  ])('%d of %d s → %d', (fraction, windowSec, t) => {
    expect(tAtFraction(fraction, windowSec)).toBe(t);
  });
});

describe('rowMs', () => {
  it('counts back from the end', () => {
    expect(rowMs({ t: -90 }, 1_000_000)).toBe(910_000);
  });
});

describe('rowFigures', () => {
  const names = { total: 'Total', kernel: 'Kernel' };
  const pct = (v: number) => `${v.toFixed(0)}%`;
  it.each([
    [{ t: 0, total: 45, kernel: 5 }, 'Total 45%, Kernel 5%'],
    [{ t: 0, total: null, kernel: null }, 'Total —, Kernel —'], // a gap reads unknown, not 0
    [{ t: 0, total: 0, kernel: null }, 'Total 0%, Kernel —'],
  ])('%o', (row, text) => {
    expect(rowFigures(row, ['total', 'kernel'] as const, names, pct, '—')).toBe(text);
  });
  it('a series without a name reads its value alone', () => {
    expect(rowFigures({ t: 0, v: 7 }, ['v'] as const, names, pct, '—')).toBe('7%');
  });
});
