/**
 * Security descriptors as bytes, built from a compact description (owner, ACEs), the way Windows
 * lays them out self-relative: for tests of folder-security.ts and what uses it.
 */
/** A SID's bytes from its string form. */
export function sid(text: string): Buffer {
  const [, , authority, ...subs] = text.split('-');
  const bytes = Buffer.alloc(8 + 4 * subs.length);
  bytes.writeUInt8(1, 0);
  bytes.writeUInt8(subs.length, 1);
  bytes.writeUIntBE(Number(authority), 2, 6);
  subs.forEach((sub, i) => bytes.writeUInt32LE(Number(sub), 8 + 4 * i));
  return bytes;
}

/** An ACE: header, mask, SID. */
export function ace(type: number, flags: number, mask: number, who: string): Buffer {
  const body = Buffer.concat([Buffer.alloc(4), sid(who)]);
  body.writeUInt32LE(mask >>> 0, 0);
  const header = Buffer.alloc(4);
  header.writeUInt8(type, 0);
  header.writeUInt8(flags, 1);
  header.writeUInt16LE(4 + body.length, 2);
  return Buffer.concat([header, body]);
}

/** A self-relative security descriptor with an owner and a DACL (or none). */
export function descriptor(owner: string, aces: Buffer[] | null): Buffer {
  const ownerBytes = sid(owner);
  const acl = aces === null ? Buffer.alloc(0) : Buffer.concat([Buffer.alloc(8), ...aces]);
  if (aces !== null) {
    acl.writeUInt8(2, 0);
    acl.writeUInt16LE(acl.length, 2);
    acl.writeUInt16LE(aces.length, 4);
  }
  const header = Buffer.alloc(20);
  header.writeUInt8(1, 0);
  header.writeUInt16LE(0x8000 | (aces === null ? 0 : 0x0004), 2); // SE_SELF_RELATIVE | SE_DACL_PRESENT
  header.writeUInt32LE(20, 4);
  header.writeUInt32LE(aces === null ? 0 : 20 + ownerBytes.length, 16);
  return Buffer.concat([header, ownerBytes, acl]);
}

