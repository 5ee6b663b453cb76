import { describe, expect, it } from 'vitest';
import { sidLength, sidToString } from './security-id.ts';

/** Builds a SID's bytes from its parts. */
function sid(authority: number, subAuthorities: readonly number[]): Uint8Array {
  const bytes = Buffer.alloc(8 + subAuthorities.length * 4);
  bytes[0] = 1;
  bytes[1] = subAuthorities.length;
  bytes.writeUIntBE(authority, 2, 6);
  subAuthorities.forEach((s, i) => bytes.writeUInt32LE(s, 8 + i * 4));
  return bytes;
}

describe('sidToString', () => {
  it.each([
    { name: 'LocalSystem', bytes: sid(5, [18]), text: 'S-1-5-18' },
    { name: 'a user', bytes: sid(5, [21, 3_623_811_015, 3_361_044_348, 30_300_820, 1013]), text: 'S-1-5-21-3623811015-3361044348-30300820-1013' },
    { name: 'Everyone', bytes: sid(1, [0]), text: 'S-1-1-0' },
    { name: 'no sub-authorities', bytes: sid(5, []), text: 'S-1-5' },
  ])('$name', ({ bytes, text }) => {
    expect(sidToString(bytes)).toBe(text);
    expect(sidLength(bytes)).toBe(bytes.length);
  });

  it('reads a SID at an offset inside a larger buffer (TOKEN_USER)', () => {
    const buffer = Buffer.concat([Buffer.alloc(16, 0xaa), sid(5, [19])]);
    expect(sidToString(buffer, 16)).toBe('S-1-5-19');
  });

  it('is null for bytes that are not a SID (wrong revision, cut short)', () => {
    const bad = sid(5, [18]);
    bad[0] = 2;
    expect(sidToString(bad)).toBeNull();
    expect(sidToString(sid(5, [21, 1, 2]).subarray(0, 12))).toBeNull();
    expect(sidToString(new Uint8Array(3))).toBeNull();
  });
});
