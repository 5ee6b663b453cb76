import { describe, expect, it } from 'vitest';
import { drawCpuGraph, trayTooltip } from './tray-graph.ts';

/** The bar height drawn in column x (pixels from the bottom border that are not background). */
function columnHeight(bitmap: ReturnType<typeof drawCpuGraph>, x: number): number {
  let height = 0;
  for (let y = bitmap.height - 2; y >= 1; y--) {
    const i = (y * bitmap.width + x) * 4;
    if (bitmap.pixels[i] === 0x20 && bitmap.pixels[i + 1] === 0x20 && bitmap.pixels[i + 2] === 0x20) break;
    height += 1;
  }
  return height;
}

describe('drawCpuGraph', () => {
  it('is an opaque BGRA bitmap of the asked size', () => {
    const bitmap = drawCpuGraph([], 16);
    expect(bitmap.pixels.length).toBe(16 * 16 * 4);
    for (let i = 3; i < bitmap.pixels.length; i += 4) expect(bitmap.pixels[i]).toBe(0xff);
  });

  it('draws the newest reading rightmost, scaled to the inner height', () => {
    const bitmap = drawCpuGraph([0, 50, 100], 16);
    expect(columnHeight(bitmap, 14)).toBe(14); // 100 % fills the 14 inner pixels
    expect(columnHeight(bitmap, 13)).toBe(7);
    expect(columnHeight(bitmap, 12)).toBe(0);
    expect(columnHeight(bitmap, 1)).toBe(0);
  });

  it('shows a little load as one pixel, nulls and bad values as nothing, and clamps', () => {
    const bitmap = drawCpuGraph([0.4, null, Number.NaN, 250, -5], 16);
    expect([10, 11, 12, 13, 14].map((x) => columnHeight(bitmap, x))).toEqual([1, 0, 0, 14, 0]);
  });

  it('keeps only as many readings as it has columns', () => {
    const many = Array.from({ length: 100 }, (_, i) => (i < 90 ? 100 : 0));
    const bitmap = drawCpuGraph(many, 16);
    expect(columnHeight(bitmap, 1)).toBe(14);
    expect(columnHeight(bitmap, 14)).toBe(0);
  });

  it('colours a hot reading differently', () => {
    const bitmap = drawCpuGraph([50, 95], 16);
    const pixel = (x: number) => [...bitmap.pixels.slice((14 * 16 + x) * 4, (14 * 16 + x) * 4 + 3)];
    expect(pixel(13)).not.toEqual(pixel(14));
  });
});

describe('trayTooltip', () => {
  it.each([
    [null, 'Task Manager — CPU —'],
    [12.4, 'Task Manager — CPU 12 %'],
    [99.6, 'Task Manager — CPU 100 %'],
  ])('%s → %s', (value, text) => expect(trayTooltip(value)).toBe(text));
});
