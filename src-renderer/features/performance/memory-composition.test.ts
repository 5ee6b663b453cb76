import { describe, expect, it } from 'vitest';
import { memoryFigures } from '../../../src-shared/testing/fixtures.ts';
import { memoryComposition } from './memory-composition.ts';

const GB = 1024 ** 3;

describe('memoryComposition', () => {
  it('splits the installed memory into in use, cached and free', () => {
    const parts = memoryComposition(memoryFigures({ totalBytes: 16 * GB, usedBytes: 4 * GB, availableBytes: 12 * GB, cachedBytes: 3 * GB }));
    expect(parts).toEqual([
      { key: 'inUse', bytes: 4 * GB, fraction: 0.25 },
      { key: 'cached', bytes: 3 * GB, fraction: 0.1875 },
      { key: 'free', bytes: 9 * GB, fraction: 0.5625 },
    ]);
  });

  it('shows in use and available where the OS does not say what is cached (never a 0 cached part)', () => {
    const parts = memoryComposition(memoryFigures({ totalBytes: 8 * GB, usedBytes: 2 * GB, availableBytes: 6 * GB, cachedBytes: null }));
    expect(parts.map((p) => [p.key, p.bytes])).toEqual([
      ['inUse', 2 * GB],
      ['available', 6 * GB],
    ]);
  });

  it('caps cached at what is available, so the parts never add up past the whole', () => {
    const parts = memoryComposition(memoryFigures({ totalBytes: 8 * GB, usedBytes: 6 * GB, availableBytes: 2 * GB, cachedBytes: 5 * GB }));
    expect(parts.map((p) => [p.key, p.bytes])).toEqual([
      ['inUse', 6 * GB],
      ['cached', 2 * GB],
      ['free', 0],
    ]);
    expect(parts.reduce((sum, p) => sum + p.fraction, 0)).toBeLessThanOrEqual(1);
  });

  it('is empty for a machine reporting no memory, and all free when nothing is used', () => {
    expect(memoryComposition(memoryFigures({ totalBytes: 0, usedBytes: 0, availableBytes: 0 }))).toEqual([]);
    const idle = memoryComposition(memoryFigures({ totalBytes: 4 * GB, usedBytes: 0, availableBytes: 4 * GB, cachedBytes: 0 }));
    expect(idle.map((p) => p.fraction)).toEqual([0, 0, 1]);
  });

  it('draws in use, modified, standby and free where the OS gives the lists (Task Manager’s four parts)', () => {
    const m = memoryFigures({ totalBytes: 16 * GB, usedBytes: 6 * GB, availableBytes: 10 * GB, cachedBytes: 7 * GB, modifiedBytes: GB, standbyBytes: 6 * GB, freeBytes: 3 * GB });
    expect(memoryComposition(m)).toEqual([
      { key: 'inUse', bytes: 6 * GB, fraction: 0.375 },
      { key: 'modified', bytes: GB, fraction: 0.0625 },
      { key: 'standby', bytes: 6 * GB, fraction: 0.375 },
      { key: 'free', bytes: 3 * GB, fraction: 0.1875 },
    ]);
  });

  it('caps the lists at what is left of the whole when the OS’s figures overlap (read at different moments)', () => {
    const m = memoryFigures({ totalBytes: 8 * GB, usedBytes: 5 * GB, availableBytes: 3 * GB, modifiedBytes: 2 * GB, standbyBytes: 2 * GB, freeBytes: GB });
    const parts = memoryComposition(m);
    expect(parts.map((p) => [p.key, p.bytes])).toEqual([
      ['inUse', 5 * GB],
      ['modified', 2 * GB],
      ['standby', GB],
      ['free', 0],
    ]);
    expect(parts.reduce((sum, p) => sum + p.fraction, 0)).toBeLessThanOrEqual(1);
  });

  it('falls back to cached and free when one of the lists is unknown (no part drawn as 0 for a missing figure)', () => {
    const m = memoryFigures({ totalBytes: 8 * GB, usedBytes: 2 * GB, availableBytes: 6 * GB, cachedBytes: GB, modifiedBytes: GB, standbyBytes: null, freeBytes: GB });
    expect(memoryComposition(m).map((p) => p.key)).toEqual(['inUse', 'cached', 'free']);
  });
});
