import { describe, expect, it } from 'vitest';
import {
  bufferDecision,
  readUtf16z,
  STATUS_BUFFER_OVERFLOW,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_INFO_LENGTH_MISMATCH,
  StructReader,
} from './struct-reader.ts';
import { ByteWriter, FIXTURE_BASE_ADDRESS } from './win32-fixtures.ts';

const MiB = 1024 * 1024;
const MAX = 256 * MiB;

describe('bufferDecision (the grow loop of NtQuerySystemInformation)', () => {
  it.each([
    { name: 'success', status: 0, current: MiB, returned: 700_000, expected: { kind: 'done' } },
    {
      name: 'length mismatch with the size asked: that plus an eighth, in 64 KiB steps',
      status: STATUS_INFO_LENGTH_MISMATCH,
      current: MiB,
      returned: 2 * MiB,
      expected: { kind: 'grow', bytes: 2 * MiB + 256 * 1024 },
    },
    {
      name: 'length mismatch without a useful size: twice the buffer',
      status: STATUS_INFO_LENGTH_MISMATCH,
      current: MiB,
      returned: 0,
      expected: { kind: 'grow', bytes: 2 * MiB },
    },
    { name: 'buffer too small (as a signed NTSTATUS)', status: STATUS_BUFFER_TOO_SMALL | 0, current: 64, returned: 100, expected: { kind: 'grow', bytes: 64 * 1024 } },
    { name: 'buffer overflow', status: STATUS_BUFFER_OVERFLOW, current: 128 * 1024, returned: 0, expected: { kind: 'grow', bytes: 256 * 1024 } },
    { name: 'past the limit', status: STATUS_INFO_LENGTH_MISMATCH, current: MAX, returned: 0, expected: { kind: 'fail', status: STATUS_INFO_LENGTH_MISMATCH } },
    { name: 'access denied', status: 0xc0000022, current: MiB, returned: 0, expected: { kind: 'fail', status: 0xc0000022 } },
    { name: 'invalid info class', status: 0xc0000003 | 0, current: MiB, returned: 0, expected: { kind: 'fail', status: 0xc0000003 } },
  ])('$name', ({ status, current, returned, expected }) => {
    expect(bufferDecision(status, current, returned, MAX)).toEqual(expected);
  });

  it.each([
    // ProcessCommandLineInformation of a 32,767-character command line: UNICODE_STRING (16) + 65,534 + NUL, 8-aligned.
    { name: 'a size that fits the limit but not its headroom: the limit itself', current: 4096, returned: 65_552, expected: { kind: 'grow', bytes: 66 * 1024 } },
    { name: 'no size said, doubling past the limit: the limit itself', current: 40 * 1024, returned: 0, expected: { kind: 'grow', bytes: 66 * 1024 } },
    { name: 'a size past the limit', current: 4096, returned: 66 * 1024 + 2, expected: { kind: 'fail', status: STATUS_INFO_LENGTH_MISMATCH } },
    { name: 'already at the limit', current: 66 * 1024, returned: 0, expected: { kind: 'fail', status: STATUS_INFO_LENGTH_MISMATCH } },
  ])('under a small limit (66 KiB): $name', ({ current, returned, expected }) => {
    expect(bufferDecision(STATUS_INFO_LENGTH_MISMATCH, current, returned, 66 * 1024)).toEqual(expected);
  });

  it('always terminates: repeated mismatches double the buffer until the limit fails', () => {
    let bytes = 64 * 1024;
    let steps = 0;
    for (;;) {
      const d = bufferDecision(STATUS_INFO_LENGTH_MISMATCH, bytes, 0, MAX);
      if (d.kind !== 'grow') break;
      expect(d.bytes).toBeGreaterThan(bytes);
      bytes = d.bytes;
      steps += 1;
    }
    expect(steps).toBe(12);
  });
});

describe('StructReader', () => {
  it('reads a UNICODE_STRING through its pointer, and refuses reads past the returned length', () => {
    const w = new ByteWriter(256, 64);
    w.unicodeString(0, 'svchost.exe');
    const r = new StructReader(w.bytes, FIXTURE_BASE_ADDRESS, w.usedBytes);
    expect(r.unicodeString(0)).toBe('svchost.exe');
    expect(() => r.u32(w.usedBytes - 2)).toThrow(RangeError);
  });

  it('a null pointer is an empty string or null', () => {
    const w = new ByteWriter(32, 32);
    w.u16(0, 10); // a length, but a null Buffer
    const r = new StructReader(w.bytes, FIXTURE_BASE_ADDRESS);
    expect(r.unicodeString(0)).toBe('');
    expect(r.wideStringAt(8)).toBeNull();
  });

  it('readUtf16z stops at the NUL or at the end', () => {
    const bytes = Buffer.from('abc\u0000def', 'utf16le');
    expect(readUtf16z(bytes, 0)).toBe('abc');
    expect(readUtf16z(bytes, 8)).toBe('def');
    expect(readUtf16z(bytes, 0, 4)).toBe('ab');
  });
});
