import { describe, expect, it } from 'vitest';
import { fitColumnWidths } from './column-fit.ts';

describe('fitColumnWidths', () => {
  it.each<[string, number[], number, number | null, number[]]>([
    ['the flexible column takes the free space (a wide window)', [200, 80, 100], 0, 1900, [1720, 80, 100]],
    ['it takes the free space wherever it is', [80, 200, 100], 1, 1000, [80, 820, 100]],
    ['never narrower than its own width (a narrow window: the grid scrolls)', [200, 80, 100], 0, 300, [200, 80, 100]],
    ['exactly its own width when the space is just enough', [200, 80, 100], 0, 380, [200, 80, 100]],
    ['whole pixels: a fractional width is rounded down', [200, 80, 100], 0, 1000.7, [820, 80, 100]],
    ['no flexible column: the widths as they are', [200, 80, 100], -1, 1900, [200, 80, 100]],
    ['a flexible index past the columns: the widths as they are', [200, 80], 5, 1900, [200, 80]],
    ['not measured yet: the widths as they are', [200, 80, 100], 0, null, [200, 80, 100]],
    ['a zero width (hidden grid): the widths as they are', [200, 80, 100], 0, 0, [200, 80, 100]],
    ['NaN: the widths as they are', [200, 80, 100], 0, Number.NaN, [200, 80, 100]],
    ['no columns', [], 0, 1900, []],
  ])('%s', (_what, widths, flexIndex, available, expected) => {
    expect(fitColumnWidths(widths, flexIndex, available)).toEqual(expected);
  });

  it('fills the width exactly when there is free space', () => {
    const fitted = fitColumnWidths([200, 80, 100, 80, 100, 100, 100, 70, 100], 0, 1616);
    expect(fitted.reduce((a, b) => a + b, 0)).toBe(1616);
  });
});
