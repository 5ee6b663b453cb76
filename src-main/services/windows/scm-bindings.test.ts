import { describe, expect, it } from 'vitest';
import { withGrowingBuffer } from './scm-bindings.ts';

const ERROR_INSUFFICIENT_BUFFER = 122;

/** A call that needs `neededBytes` and says so, as QueryServiceConfigW does; records each buffer size. */
function callNeeding(neededBytes: number, error = ERROR_INSUFFICIENT_BUFFER) {
  const sizes: number[] = [];
  let last = 0;
  const call = (buffer: Buffer, needed: [number]) => {
    sizes.push(buffer.length);
    if (buffer.length >= neededBytes) return true;
    needed[0] = neededBytes;
    last = error;
    return false;
  };
  return { call, sizes, lastError: () => last };
}

describe('withGrowingBuffer', () => {
  it('answers the first buffer when it is large enough', () => {
    const c = callNeeding(64);
    const filled = withGrowingBuffer(1024, 8192, ERROR_INSUFFICIENT_BUFFER, c.call, c.lastError);
    expect(filled.ok && filled.value.length).toBe(1024);
    expect(c.sizes).toEqual([1024]);
  });

  it('calls again with the size asked for', () => {
    const c = callNeeding(3000);
    const filled = withGrowingBuffer(1024, 8192, ERROR_INSUFFICIENT_BUFFER, c.call, c.lastError);
    expect(filled.ok && filled.value.length).toBe(3000);
    expect(c.sizes).toEqual([1024, 3000]);
  });

  it('refuses a size past the documented largest answer', () => {
    const c = callNeeding(9000);
    expect(withGrowingBuffer(1024, 8192, ERROR_INSUFFICIENT_BUFFER, c.call, c.lastError)).toEqual({ ok: false, error: ERROR_INSUFFICIENT_BUFFER });
    expect(c.sizes).toEqual([1024]);
  });

  it('answers any other error as it is, without calling again', () => {
    const c = callNeeding(3000, 5);
    expect(withGrowingBuffer(1024, 8192, ERROR_INSUFFICIENT_BUFFER, c.call, c.lastError)).toEqual({ ok: false, error: 5 });
    expect(c.sizes).toEqual([1024]);
  });
});
