/**
 * The history folder's access list against a real Windows API: the Windows workflow, and
 * `npm run test:wine` here. On Windows a folder this test makes gets the user's own protected DACL;
 * read back with GetNamedSecurityInfoW, it holds the entries asked for and no inherited one, and a
 * file made in it afterwards (as the store's are) inherits them.
 *
 * Wine 8 (Debian's) answers SetNamedSecurityInfoW with success but keeps no access list: it maps
 * the DACL onto the Unix mode bits and stores no `user.wine.sd` attribute, and it reads back a DACL
 * made from the mode (SYSTEM, the user, Everyone read; not protected). Under Wine the test checks
 * that the calls are bound right (success on the folder, the Win32 errors of a missing path and of
 * an SDDL without a DACL), and leaves the read-back to Windows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSecurityDescriptor } from '../app/windows-integration/folder-security.ts';
import { loadWindowsSecurityApi } from '../core/windows-security-api.ts';
import { secureHistoryFolder } from './history-acl.ts';

const isWindows = process.platform === 'win32';
/** SECURITY_DESCRIPTOR_CONTROL bits (winnt.h). */
const SE_DACL_PROTECTED = 0x1000;
const OBJECT_INHERIT_ACE = 0x1;
const CONTAINER_INHERIT_ACE = 0x2;
const INHERITED_ACE = 0x10;
/** FILE_ALL_ACCESS, what SDDL's FA stands for. */
const FILE_ALL_ACCESS = 0x1f01ff;

describe.runIf(isWindows)('the history folder’s access list on this Windows (or Wine)', () => {
  const api = loadWindowsSecurityApi('win32');
  const base = isWindows ? fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-history-acl-')) : '';
  const isWine = fs.existsSync(path.join(api?.systemFolders()?.system32 ?? '', 'winecfg.exe'));
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  const descriptorOf = (target: string) => {
    const bytes = api?.securityDescriptorOf(target) ?? null;
    if (bytes === null) throw new Error(`the security descriptor of ${target} could not be read`);
    return { control: (bytes[2] ?? 0) | ((bytes[3] ?? 0) << 8), parsed: parseSecurityDescriptor(bytes) };
  };

  const dir = path.join(base, 'taskmgr');

  it('makes the folder and sets the DACL of the user (and Administrators when elevated): SetNamedSecurityInfoW succeeds', () => {
    if (!api) throw new Error('the Windows security calls did not load');
    const sid = api.userSid() ?? '';
    const outcome = secureHistoryFolder(dir, { platform: 'win32', api: () => api });
    expect(outcome).toEqual({ kind: 'set', sddl: `D:P(A;OICI;FA;;;${sid})${api.isElevated() === true ? '(A;OICI;FA;;;BA)' : ''}` });
    expect(fs.statSync(dir).isDirectory()).toBe(true);
  });

  // Wine keeps no DACL (see above): the read-back is Windows' alone.
  it.skipIf(isWine)('read back: protected, exactly those entries, full control, inherited within', () => {
    const sid = api?.userSid() ?? '';
    const { control, parsed } = descriptorOf(dir);
    expect(control & SE_DACL_PROTECTED).toBe(SE_DACL_PROTECTED);
    const aces = parsed?.dacl ?? [];
    expect(aces.map((ace) => ace.sid).sort()).toEqual((api?.isElevated() === true ? [sid, 'S-1-5-32-544'] : [sid]).sort());
    for (const ace of aces) {
      expect(ace.type).toBe(0); // allowed
      expect(ace.mask).toBe(FILE_ALL_ACCESS);
      expect(ace.flags & (OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE)).toBe(OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE);
      expect(ace.flags & INHERITED_ACE).toBe(0);
    }
  });

  it.skipIf(isWine)('a file the store makes in it afterwards inherits exactly those entries', () => {
    const file = path.join(dir, 'history.sqlite');
    fs.writeFileSync(file, '');
    const aces = descriptorOf(file).parsed?.dacl ?? [];
    expect(aces.length).toBeGreaterThan(0);
    expect(aces.every((ace) => (ace.flags & INHERITED_ACE) !== 0)).toBe(true);
    expect(aces.map((ace) => ace.sid)).toContain(api?.userSid());
    expect(aces.map((ace) => ace.sid)).not.toContain('S-1-5-32-545'); // Users
    expect(aces.map((ace) => ace.sid)).not.toContain('S-1-1-0'); // Everyone
  });

  it('the calls are bound right: a missing path and an SDDL without a DACL are refused with their Win32 errors', () => {
    const sddl = `D:P(A;OICI;FA;;;${api?.userSid() ?? ''})`;
    // ERROR_FILE_NOT_FOUND or ERROR_PATH_NOT_FOUND, from SetNamedSecurityInfoW itself.
    expect([2, 3]).toContain(api?.setProtectedDacl(path.join(base, 'missing', 'taskmgr'), sddl));
    // An owner only: no DACL to set, and never "no DACL" (everyone may do everything).
    expect(api?.setProtectedDacl(dir, 'O:BA')).toBe(1338);
    expect(api?.setProtectedDacl(dir, 'D:(not SDDL')).not.toBe(0);
  });

  it('a folder holding something else is left as it was', () => {
    const dir = path.join(base, 'documents');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'letter.txt'), 'dear');
    const before = api?.securityDescriptorOf(dir);
    expect(secureHistoryFolder(dir, { platform: 'win32', api: () => api })).toMatchObject({ kind: 'left' });
    expect(api?.securityDescriptorOf(dir)).toEqual(before);
  });
});
