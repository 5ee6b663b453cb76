/**
 * Security identifiers as Windows lays them out (`SID`): Revision (BYTE) 0, SubAuthorityCount
 * (BYTE) 1, IdentifierAuthority (6 bytes, big-endian) 2, SubAuthority[count] (DWORD, little-endian)
 * from 8. Pure. Used to cache account names by SID string (`S-1-5-18`).
 */

/** The SID's length in bytes, or null when the bytes can't be one. */
export function sidLength(bytes: Uint8Array, offset = 0): number | null {
  if (offset + 8 > bytes.length || bytes[offset] !== 1) return null;
  const count = bytes[offset + 1] ?? 0;
  const length = 8 + 4 * count;
  return count <= 15 && offset + length <= bytes.length ? length : null;
}

/** `S-1-<authority>-<sub>-…`, or null when the bytes are not a SID. */
export function sidToString(bytes: Uint8Array, offset = 0): string | null {
  const length = sidLength(bytes, offset);
  if (length === null) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, length);
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + view.getUint8(i);
  const parts = [`S-${view.getUint8(0)}`, String(authority)];
  for (let i = 8; i < length; i += 4) parts.push(String(view.getUint32(i, true)));
  return parts.join('-');
}
