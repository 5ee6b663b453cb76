import { describe, expect, it } from 'vitest';
import { ace, descriptor } from '../../test-support/security-descriptors.ts';
import { chainProblem, foldersAbove, parseSecurityDescriptor, untrustedWriters, type SecurityDescriptor } from './folder-security.ts';

const TI = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464';
const [SY, BA, BU, AU, CO, EVERYONE] = ['S-1-5-18', 'S-1-5-32-544', 'S-1-5-32-545', 'S-1-5-11', 'S-1-3-0', 'S-1-1-0'];
const FA = 0x1f01ff;
const MODIFY = 0x1301bf;
const READ_EXECUTE = 0x1200a9;
const GA = 0x1000_0000;
const [OI, CI, IO, ID] = [0x01, 0x02, 0x08, 0x10];
const parse = (bytes: Buffer): SecurityDescriptor => {
  const parsed = parseSecurityDescriptor(bytes);
  if (!parsed) throw new Error('not a descriptor');
  return parsed;
};

// Built from the documented default SDDL of these folders on Windows 10/11.
const programFiles = descriptor(TI, [
  ace(0, 0, FA, TI),
  ace(0, CI | IO, GA, TI),
  ace(0, 0, MODIFY, SY),
  ace(0, OI | CI | IO, GA, SY),
  ace(0, 0, MODIFY, BA),
  ace(0, OI | CI | IO, GA, BA),
  ace(0, 0, READ_EXECUTE, BU),
  ace(0, OI | CI | IO, 0xa000_0000, BU),
  ace(0, OI | CI | IO, GA, CO),
  ace(0, 0, READ_EXECUTE, 'S-1-15-2-1'),
]);
const driveRoot = descriptor(SY, [
  ace(0, OI | CI, FA, BA),
  ace(0, OI | CI, FA, SY),
  ace(0, OI | CI, READ_EXECUTE, BU),
  ace(0, OI | CI | IO, 0xe001_0000, AU), // Modify, for what is created below
  ace(0, 0, 0x0004, AU), // Create folders / append data, on C:\ itself
]);
// C:\Apps\Task Manager, made by an administrator under C:\: it inherits Authenticated Users' Modify.
const underDriveRoot = descriptor(BA, [ace(0, ID, FA, BA), ace(0, ID, FA, SY), ace(0, ID, READ_EXECUTE, BU), ace(0, ID, MODIFY, AU)]);

// Recorded under Wine 8 (GetNamedSecurityInfoW of C:\users\root\Temp): the user owns it and may do anything.
const WINE_TEMP = Buffer.from(
  '0100048014000000000000000000000030000000010500000000000515000000000000000000000000000000e8030000020054000300000000031400ff011f0001010000000000051200000000032400ff011f00010500000000000515000000000000000000000000000000e803000000031400a9001200010100000000000100000000',
  'hex',
);

describe('parseSecurityDescriptor', () => {
  it('reads the owner and every ACE of a descriptor Wine gave', () => {
    expect(parseSecurityDescriptor(WINE_TEMP)).toEqual({
      owner: 'S-1-5-21-0-0-0-1000',
      dacl: [
        { type: 0, flags: 3, mask: FA, sid: SY },
        { type: 0, flags: 3, mask: FA, sid: 'S-1-5-21-0-0-0-1000' },
        { type: 0, flags: 3, mask: READ_EXECUTE, sid: EVERYONE },
      ],
    });
  });

  it('is null for what is not a descriptor, or an ACL that runs past its end', () => {
    expect(parseSecurityDescriptor(Buffer.alloc(4))).toBeNull();
    expect(parseSecurityDescriptor(WINE_TEMP.subarray(0, 100))).toBeNull();
  });
});

describe('untrustedWriters: who besides administrators can change it', () => {
  it('nobody, for Program Files as a target (only TrustedInstaller, SYSTEM and Administrators write; CREATOR OWNER is inherit-only)', () => {
    expect(untrustedWriters(parse(programFiles), 'target')).toEqual([]);
  });

  it('nobody, for C:\\ as a parent (Authenticated Users may add folders beside ours, not replace ours)', () => {
    expect(untrustedWriters(parse(driveRoot), 'parent')).toEqual([]);
    expect(untrustedWriters(parse(driveRoot), 'target')).toEqual(['Authenticated Users']);
  });

  it('Authenticated Users, for a folder made under C:\\ (inherited Modify)', () => {
    expect(untrustedWriters(parse(underDriveRoot), 'target')).toEqual(['Authenticated Users']);
  });

  it('the user, for Wine’s folders (owner and full control)', () => {
    expect(untrustedWriters(parse(WINE_TEMP), 'target')).toEqual(['S-1-5-21-0-0-0-1000 (its owner)', 'S-1-5-21-0-0-0-1000']);
  });

  it('everyone, without a DACL; an untrusted owner, even with an administrators-only DACL', () => {
    expect(untrustedWriters(parse(descriptor(BA, null)), 'parent')).toEqual(['everyone (it has no access list)']);
    expect(untrustedWriters(parse(descriptor('S-1-5-21-1-2-3-1001', [ace(0, 0, FA, BA)])), 'target')).toEqual(['S-1-5-21-1-2-3-1001 (its owner)']);
  });

  it('does not credit a deny, and counts an ACE kind it can’t read', () => {
    expect(untrustedWriters(parse(descriptor(BA, [ace(1, 0, FA, EVERYONE), ace(0, 0, 0x2, EVERYONE)])), 'target')).toEqual(['Everyone']);
    expect(untrustedWriters(parse(descriptor(BA, [ace(5, 0, FA, BA)])), 'target')).toEqual(['an access rule of a kind this check does not read (type 5)']);
  });
});

describe('chainProblem and foldersAbove', () => {
  it('names the first entry someone else can change, or an unreadable one', () => {
    const ok = { path: 'C:\\Program Files\\Task Manager', descriptor: parse(programFiles), role: 'target' as const };
    expect(chainProblem([ok, { path: 'C:\\', descriptor: parse(driveRoot), role: 'parent' }])).toBeNull();
    expect(chainProblem([{ path: 'C:\\Apps\\TM', descriptor: parse(underDriveRoot), role: 'target' }])).toBe('C:\\Apps\\TM can be changed by Authenticated Users, not only by administrators');
    expect(chainProblem([ok, { path: 'C:\\Program Files', descriptor: null, role: 'parent' }])).toMatch(/could not be read/);
  });

  it('lists every folder above a path up to its drive', () => {
    expect(foldersAbove('C:\\Program Files\\Task Manager\\Task Manager.exe')).toEqual(['C:\\Program Files\\Task Manager', 'C:\\Program Files', 'C:\\']);
    expect(foldersAbove('C:\\x.exe')).toEqual(['C:\\']);
  });
});
