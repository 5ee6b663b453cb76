/**
 * The elevated shell's Windows calls against a real Windows API: the Windows workflow, and
 * `npm run test:wine` here. Truths: the files the folders must hold, and a folder this test makes
 * (its owner is this token's user, or Administrators for an elevated administrator on Windows).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chainProblem, installChain, parseDescriptor, untrustedWriters } from './folder-security.ts';
import { elevatedStateFolder } from './elevated-state.ts';
import { loadWindowsSecurityApi } from '../../core/windows-security-api.ts';

const isWindows = process.platform === 'win32';

describe.runIf(isWindows)('WindowsSecurityApi on this Windows (or Wine)', () => {
  const api = loadWindowsSecurityApi('win32');
  const base = isWindows ? fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-security-')) : '';
  const isWine = fs.existsSync(path.join(api?.systemFolders()?.system32 ?? '', 'winecfg.exe'));
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('loads, and names the system folders from Windows itself', () => {
    expect(api).not.toBeNull();
    const folders = api?.systemFolders();
    expect(fs.existsSync(path.join(folders?.windows ?? '', 'explorer.exe'))).toBe(true);
    expect(fs.existsSync(path.join(folders?.system32 ?? '', 'kernel32.dll'))).toBe(true);
  });

  it('finds ProgramData through FOLDERID_ProgramData (not %ProgramData%), an existing folder', () => {
    const programData = api?.programDataFolder() ?? '';
    expect(fs.statSync(programData).isDirectory()).toBe(true);
    expect(programData.toLowerCase()).toBe((process.env['ProgramData'] ?? programData).toLowerCase());
  });

  it('reads the token: elevated or not, and its user, who owns what this process creates', () => {
    expect(typeof api?.isElevated()).toBe('boolean');
    const sid = api?.userSid();
    expect(sid).toMatch(/^S-1-5-21-\d+-\d+-\d+-\d+$/);
    const made = path.join(base, 'made');
    fs.mkdirSync(made);
    const owner = parseDescriptor(api?.securityDescriptorOf(made) ?? null)?.owner;
    expect([sid, 'S-1-5-32-544']).toContain(owner);
    // The same account by name: the user this process runs as.
    expect(api?.userAccountName()?.split('\\').pop()?.toLowerCase()).toBe(os.userInfo().username.toLowerCase());
  });

  it('says the user’s own temp folder can be changed by someone other than administrators', () => {
    const descriptor = parseDescriptor(api?.securityDescriptorOf(base) ?? null);
    expect(descriptor).not.toBeNull();
    expect(descriptor && untrustedWriters(descriptor, 'target')).not.toEqual([]);
  });

  it('creates a folder with an access list of its own, once (ERROR_ALREADY_EXISTS the second time)', () => {
    const folder = path.join(base, 'state');
    expect(api?.createAdminOnlyFolder(folder)).toBe(0);
    expect(fs.statSync(folder).isDirectory()).toBe(true);
    expect(api?.createAdminOnlyFolder(folder)).toBe(183);
    const aces = parseDescriptor(api?.securityDescriptorOf(folder) ?? null)?.dacl ?? [];
    // Windows keeps exactly SYSTEM and Administrators; Wine keeps SYSTEM and maps the rest to the user.
    expect(aces.map((ace) => ace.sid)).toContain('S-1-5-18');
    if (!isWine) expect(aces.map((ace) => ace.sid).sort()).toEqual(['S-1-5-18', 'S-1-5-32-544']);
  });

  it('makes the elevated profile folder under ProgramData: administrators’ alone on Windows; refused under Wine, whose folders stay the user’s', () => {
    if (!api) throw new Error('no API');
    const folder = elevatedStateFolder(api);
    if (isWine) expect(folder).toMatchObject({ ok: false, reason: expect.stringMatching(/org\.taskmgr\.app.* can be changed by S-1-5-21-/) });
    else expect(folder).toEqual({ ok: true, path: path.join(api.programDataFolder() ?? '', 'org.taskmgr.app', api.userSid() ?? '') });
  });

  it('checks a whole install chain of real files (under Wine every file is its user’s: never administrators-only)', () => {
    const chain = installChain(process.execPath).filter((entry) => entry.role === 'parent' || entry.path === process.execPath);
    const problem = chainProblem(chain.map((entry) => ({ ...entry, descriptor: parseDescriptor(api?.securityDescriptorOf(entry.path) ?? null) })));
    expect(chain.at(-1)?.path).toMatch(/^[A-Za-z]:\\$/); // up to the drive's root
    if (isWine) expect(problem).toMatch(/can be changed by S-1-5-21-/);
    // On Windows node.exe's folder may or may not be administrators-only; every descriptor must read.
    else expect(problem ?? '').not.toMatch(/could not be read/);
  });
});
