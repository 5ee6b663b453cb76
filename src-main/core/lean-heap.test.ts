import { describe, expect, it } from 'vitest';
import { LEAN_HEAP_FLAGS, withLeanHeap } from './lean-heap.ts';

describe('withLeanHeap', () => {
  it.each([
    [[], ['--max-semi-space-size=1']],
    [['--inspect=0'], ['--inspect=0', '--max-semi-space-size=1']],
    [['--max-semi-space-size=4'], ['--max-semi-space-size=4']],
    [['--max-semi-space-size=1', '--no-warnings'], ['--max-semi-space-size=1', '--no-warnings']],
  ])('%j → %j', (given, expected) => {
    expect(withLeanHeap(given)).toEqual(expected);
  });

  it('caps the young generation only: no flag that trades CPU for memory', () => {
    expect(LEAN_HEAP_FLAGS).not.toContain('--optimize-for-size');
    expect(LEAN_HEAP_FLAGS.every((flag) => flag.startsWith('--max-semi-space-size='))).toBe(true);
  });
});
