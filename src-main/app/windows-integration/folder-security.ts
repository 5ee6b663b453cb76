/**
 * Who besides administrators can change a file or folder, read from its security descriptor (the
 * self-relative bytes GetNamedSecurityInfoW gives). An elevated Task Manager points the
 * machine-wide IFEO value and its elevated task at its own executable, so that executable, its
 * folder and every folder above it must be changeable by Administrators, SYSTEM and
 * TrustedInstaller only: otherwise a non-elevated process swaps a file and runs as administrator.
 * Pure.
 *
 * Layout (winnt.h): SECURITY_DESCRIPTOR_RELATIVE { BYTE Revision; BYTE Sbz1; WORD Control;
 * DWORD Owner, Group, Sacl, Dacl (offsets) }; ACL { BYTE AclRevision; BYTE Sbz1; WORD AclSize;
 * WORD AceCount; WORD Sbz2 }, then ACEs: ACE_HEADER { BYTE AceType; BYTE AceFlags; WORD AceSize },
 * ACCESS_MASK, then the SID (for the plain allow and deny types).
 */
import { sidToString } from '../../collector/platform/win32/security-id.ts';

/** SIDs that may change what an elevated app runs: they are administrators already. */
export const TRUSTED_SIDS: ReadonlyMap<string, string> = new Map([
  ['S-1-5-18', 'SYSTEM'],
  ['S-1-5-32-544', 'Administrators'],
  ['S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464', 'TrustedInstaller'],
]);

/** Well-known names for the SIDs a verdict names (others are shown as SIDs). */
const KNOWN_NAMES: ReadonlyMap<string, string> = new Map([
  ['S-1-1-0', 'Everyone'],
  ['S-1-5-11', 'Authenticated Users'],
  ['S-1-5-32-545', 'Users'],
  ['S-1-5-4', 'INTERACTIVE'],
  ['S-1-3-0', 'CREATOR OWNER'],
]);

const SE_DACL_PRESENT = 0x0004;
const ACCESS_ALLOWED_ACE_TYPE = 0x0;
const ACCESS_DENIED_ACE_TYPE = 0x1;
const INHERIT_ONLY_ACE = 0x08;

/** Rights that change a file or folder, or what it holds (winnt.h). */
const RIGHTS = {
  FILE_WRITE_DATA: 0x0002, // a folder: add a file
  FILE_APPEND_DATA: 0x0004, // a folder: add a subfolder
  FILE_WRITE_EA: 0x0010,
  FILE_DELETE_CHILD: 0x0040,
  FILE_WRITE_ATTRIBUTES: 0x0100,
  DELETE: 0x0001_0000,
  WRITE_DAC: 0x0004_0000,
  WRITE_OWNER: 0x0008_0000,
  GENERIC_ALL: 0x1000_0000,
  GENERIC_WRITE: 0x4000_0000,
  MAXIMUM_ALLOWED: 0x0200_0000,
} as const;

/**
 * What lets someone replace what the path names. The target (the exe, its folder): any change at
 * all. A folder above it: only what replaces or re-points the next folder down — deleting or
 * renaming a child, or taking the folder over — since adding a new entry beside ours (C:\ lets
 * Authenticated Users create folders) can't change ours.
 */
const TARGET_CHANGES =
  RIGHTS.FILE_WRITE_DATA |
  RIGHTS.FILE_APPEND_DATA |
  RIGHTS.FILE_WRITE_EA |
  RIGHTS.FILE_DELETE_CHILD |
  RIGHTS.FILE_WRITE_ATTRIBUTES |
  RIGHTS.DELETE |
  RIGHTS.WRITE_DAC |
  RIGHTS.WRITE_OWNER |
  RIGHTS.GENERIC_ALL |
  RIGHTS.GENERIC_WRITE |
  RIGHTS.MAXIMUM_ALLOWED;
const PARENT_CHANGES = RIGHTS.FILE_DELETE_CHILD | RIGHTS.DELETE | RIGHTS.WRITE_DAC | RIGHTS.WRITE_OWNER | RIGHTS.GENERIC_ALL | RIGHTS.MAXIMUM_ALLOWED;

export interface Ace {
  type: number;
  flags: number;
  mask: number;
  /** Null for an ACE type whose SID is not at the plain offset (object and callback ACEs). */
  sid: string | null;
}

export interface SecurityDescriptor {
  owner: string | null;
  /** Null: no DACL at all (everyone may do everything). */
  dacl: Ace[] | null;
}

/** The owner and DACL of a self-relative security descriptor; null when the bytes are not one. */
export function parseSecurityDescriptor(bytes: Uint8Array): SecurityDescriptor | null {
  if (bytes.length < 20 || bytes[0] !== 1) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const control = view.getUint16(2, true);
  const ownerOffset = view.getUint32(4, true);
  const daclOffset = view.getUint32(16, true);
  const owner = ownerOffset === 0 ? null : sidToString(bytes, ownerOffset);
  if ((control & SE_DACL_PRESENT) === 0 || daclOffset === 0) return { owner, dacl: null };
  if (daclOffset + 8 > bytes.length) return null;
  const aclSize = view.getUint16(daclOffset + 2, true);
  const aceCount = view.getUint16(daclOffset + 4, true);
  if (daclOffset + aclSize > bytes.length) return null;
  const aces: Ace[] = [];
  let offset = daclOffset + 8;
  for (let i = 0; i < aceCount; i++) {
    if (offset + 8 > daclOffset + aclSize) return null;
    const type = view.getUint8(offset);
    const flags = view.getUint8(offset + 1);
    const size = view.getUint16(offset + 2, true);
    if (size < 8 || offset + size > daclOffset + aclSize) return null;
    const isPlain = type === ACCESS_ALLOWED_ACE_TYPE || type === ACCESS_DENIED_ACE_TYPE;
    aces.push({ type, flags, mask: view.getUint32(offset + 4, true), sid: isPlain ? sidToString(bytes.subarray(0, offset + size), offset + 8) : null });
    offset += size;
  }
  return { owner, dacl: aces };
}

const nameOf = (sid: string) => KNOWN_NAMES.get(sid) ?? sid;

/**
 * Who other than the trusted SIDs can change `descriptor`'s object, in plain words; empty when
 * nobody can. `role`: the target itself, or a folder above it. An ACE this parser can't read the
 * SID of (object or callback types), a missing DACL and an untrusted owner (an owner can always
 * rewrite the DACL) all count against it. Deny ACEs are not credited: Windows orders them first,
 * but a deny for one group doesn't stop a member of another allowed group.
 */
export function untrustedWriters(descriptor: SecurityDescriptor, role: 'target' | 'parent'): string[] {
  const writers: string[] = [];
  if (descriptor.owner === null || !TRUSTED_SIDS.has(descriptor.owner)) writers.push(`${descriptor.owner === null ? 'no owner' : nameOf(descriptor.owner)} (its owner)`);
  if (descriptor.dacl === null) return [...writers, 'everyone (it has no access list)'];
  const changes = role === 'target' ? TARGET_CHANGES : PARENT_CHANGES;
  for (const ace of descriptor.dacl) {
    if (ace.type === ACCESS_DENIED_ACE_TYPE || (ace.flags & INHERIT_ONLY_ACE) !== 0) continue;
    if (ace.type !== ACCESS_ALLOWED_ACE_TYPE || ace.sid === null) {
      writers.push(`an access rule of a kind this check does not read (type ${ace.type})`);
      continue;
    }
    if ((ace.mask & changes) !== 0 && !TRUSTED_SIDS.has(ace.sid)) writers.push(nameOf(ace.sid));
  }
  return [...new Set(writers)];
}

/** One entry of the chain checked: a path, what its security descriptor says (null: unreadable), its role. */
export interface ChainEntry {
  path: string;
  descriptor: SecurityDescriptor | null;
  role: 'target' | 'parent';
}

/**
 * Why the chain is not administrators-only, in plain words, or null when it is. The chain is the
 * executable and the folders and files it loads (targets), and every folder above (parents).
 */
export function chainProblem(chain: readonly ChainEntry[]): string | null {
  for (const entry of chain) {
    if (entry.descriptor === null) return `the permissions of ${entry.path} could not be read`;
    const writers = untrustedWriters(entry.descriptor, entry.role);
    if (writers.length > 0) return `${entry.path} can be changed by ${writers.join(', ')}, not only by administrators`;
  }
  return null;
}

/** The folders above `filePath` (a Windows path), nearest first, up to its drive's root. */
export function foldersAbove(filePath: string): string[] {
  const folders: string[] = [];
  let current = filePath.replace(/[\\/]+$/, '');
  for (;;) {
    const cut = current.lastIndexOf('\\');
    if (cut < 0) break;
    const parent = cut <= 2 ? current.slice(0, 3) : current.slice(0, cut);
    if (parent === current) break;
    folders.push(parent);
    if (parent.length <= 3) break;
    current = parent;
  }
  return folders;
}

/**
 * What an elevated start of `exePath` runs and loads — the executable, its folder, `resources`
 * with app.asar and the unpacked native modules (outside asar integrity) — as targets, and every
 * folder above the executable's as parents.
 */
export function installChain(exePath: string): { path: string; role: 'target' | 'parent' }[] {
  const folder = exePath.slice(0, Math.max(exePath.lastIndexOf('\\'), 2));
  const resources = `${folder}\\resources`;
  const targets = [exePath, folder, resources, `${resources}\\app.asar`, `${resources}\\app.asar.unpacked`];
  return [...targets.map((path) => ({ path, role: 'target' as const })), ...foldersAbove(folder).map((path) => ({ path, role: 'parent' as const }))];
}

/** `parseSecurityDescriptor` of bytes that may be missing (an unreadable or absent file). */
export function parseDescriptor(bytes: Uint8Array | null): SecurityDescriptor | null {
  return bytes === null ? null : parseSecurityDescriptor(bytes);
}
