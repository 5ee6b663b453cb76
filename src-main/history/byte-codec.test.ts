import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from './byte-codec.ts';

describe('byte codec', () => {
  it.each<[number, number[]]>([
    [0, [0]],
    [127, [127]],
    [128, [0x80, 1]],
    [300, [0xac, 2]],
    [2 ** 32, [0x80, 0x80, 0x80, 0x80, 0x10]],
  ])('varint %i is %j and reads back', (value, bytes) => {
    const out = new ByteWriter();
    out.varint(value);
    expect([...out.done()]).toEqual(bytes);
    expect(new ByteReader(out.done()).varint()).toBe(value);
  });

  it.each([0, -1, 1, -2, 2 ** 52, -(2 ** 52), 4096, -123_456_789])('zigzag %i reads back', (value) => {
    const out = new ByteWriter();
    out.zigzag(value);
    const input = new ByteReader(out.done());
    expect(input.zigzag()).toBe(value);
    expect(input.isAtEnd).toBe(true);
  });

  it.each([2 ** 52 + 2, -(2 ** 53 - 1), 0.5, Number.NaN])('zigzag refuses %d (its code would not be exact)', (value) => {
    expect(() => new ByteWriter().zigzag(value)).toThrow(RangeError);
  });

  it('small magnitudes take one byte whatever their sign', () => {
    for (const value of [-64, 63]) {
      const out = new ByteWriter();
      out.zigzag(value);
      expect(out.done()).toHaveLength(1);
    }
  });

  it('floats, text and bytes drained from another writer, in order', () => {
    const inner = new ByteWriter();
    inner.text('naïve ✓');
    const out = new ByteWriter();
    out.float(0.1 + 0.2);
    out.drain(inner);
    out.byte(7);
    const input = new ByteReader(out.done());
    expect(input.float()).toBe(0.1 + 0.2);
    expect(input.text()).toBe('naïve ✓');
    expect(input.byte()).toBe(7);
    expect(input.isAtEnd).toBe(true);
    expect(inner.done()).toHaveLength(0);
  });

  it.each<[string, number[], (input: ByteReader) => unknown]>([
    ['a varint cut short', [0x80], (input) => input.varint()],
    ['a float cut short', [1, 2, 3], (input) => input.float()],
    ['text longer than what is left', [5, 0x61], (input) => input.text()],
    ['a varint longer than 2^56', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1], (input) => input.varint()],
  ])('%s is a RangeError', (_name, bytes, read) => {
    expect(() => read(new ByteReader(Uint8Array.from(bytes)))).toThrow(RangeError);
  });
});
