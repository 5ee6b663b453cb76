/**
 * The Startup apps adapter against a real registry: vitest project `windows` in the Windows workflow,
 * and `npm run test:wine` under Wine here. The test sets up with reg.exe (the product never runs it):
 * a Run value and its StartupApproved value under HKCU, under a name of its own; it reads them back
 * through the adapter (koffi → advapi32), disables and enables through it, and reads the bytes back
 * with `reg query`, the independent reader. A shortcut written from [MS-SHLLINK] goes into the user's
 * Startup folder (found through SHGetKnownFolderPath). Everything it added is removed afterwards:
 * its own value names and its own file only.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filetimeToEpochMs } from '../../collector/compute/start-time.ts';
import type { StartupPlatform } from '../startup-platform.ts';
import { buildShellLink } from './shell-link-fixtures.ts';
import { loadStartupApi } from './startup-bindings.ts';
import { createWindowsStartup } from './windows-startup.ts';

const isWindows = process.platform === 'win32';
const RUN = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run';
const APPROVED_RUN = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run';
const APPROVED_FOLDER = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\StartupFolder';
const MACHINE_RUN = 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run';
const APPROVED_RUN32 = 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run32';
/** A name nothing else uses: this test's own, removed afterwards. */
const NAME = `TaskManagerStartupTest-${process.pid}`;
const SHORTCUT = `${NAME}.lnk`;

const reg = (...args: string[]) => execFileSync('reg', args, { encoding: 'utf8', windowsHide: true });
const regQuietly = (...args: string[]) => {
  try {
    reg(...args);
  } catch {
    // already gone
  }
};

/** The bytes `reg query` prints for a REG_BINARY value. */
function approvedBytes(key: string, name: string): Buffer {
  const printed = reg('query', key, '/v', name);
  const hex = /REG_BINARY\s+([0-9A-Fa-f]*)/.exec(printed)?.[1];
  if (hex === undefined) throw new Error(`reg query printed no REG_BINARY value:\n${printed}`);
  return Buffer.from(hex, 'hex');
}

describe.runIf(isWindows)('Startup apps on this machine’s registry', () => {
  let platform: StartupPlatform;
  let shortcutPath: string | null = null;
  const entry = async (id: string) => (await platform.list()).entries.find((e) => e.id === id);

  beforeAll(() => {
    platform = createWindowsStartup();
    reg('add', RUN, '/v', NAME, '/t', 'REG_SZ', '/d', `"${process.execPath}" --version`, '/f');
    reg('add', APPROVED_RUN, '/v', NAME, '/t', 'REG_BINARY', '/d', '020000000000000000000000', '/f');
  });

  afterAll(() => {
    regQuietly('delete', RUN, '/v', NAME, '/f');
    regQuietly('delete', APPROVED_RUN, '/v', NAME, '/f');
    regQuietly('delete', APPROVED_FOLDER, '/v', SHORTCUT, '/f');
    regQuietly('delete', MACHINE_RUN, '/v', NAME, '/f', '/reg:32');
    regQuietly('delete', APPROVED_RUN32, '/v', NAME, '/f', '/reg:64');
    if (shortcutPath) fs.rmSync(shortcutPath, { force: true });
  });

  it('lists the Run value set with reg add: its command, the program it starts, the publisher and the state', async () => {
    const found = await entry(`registryUserRun:${NAME}`);
    expect(found).toMatchObject({
      name: NAME,
      command: `"${process.execPath}" --version`,
      location: 'registryUserRun',
      locationPath: 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      status: 'enabled',
      needsElevation: false,
    });
    expect(found?.exePath?.toLowerCase()).toBe(process.execPath.toLowerCase());
    // node.exe's version resource (GetFileVersionInfoW through koffi).
    expect(found?.publisher).toBe('Node.js');
  });

  it('disables it as Task Manager does: reg query reads flag 3 and the FILETIME of the change', async () => {
    const beforeMs = Date.now();
    expect(await platform.setEnabled(`registryUserRun:${NAME}`, false)).toEqual({ ok: true });
    const afterMs = Date.now();
    const bytes = approvedBytes(APPROVED_RUN, NAME);
    expect(bytes.length).toBe(12);
    expect(bytes.readUInt32LE(0)).toBe(3);
    const changedAtMs = filetimeToEpochMs(bytes.readBigUInt64LE(4));
    expect(changedAtMs).not.toBeNull();
    expect(changedAtMs ?? 0).toBeGreaterThanOrEqual(beforeMs);
    expect(changedAtMs ?? 0).toBeLessThanOrEqual(afterMs);
    expect(await entry(`registryUserRun:${NAME}`)).toMatchObject({ status: 'disabled', changedAtMs });
    // The Run value itself is untouched.
    expect(reg('query', RUN, '/v', NAME)).toContain('--version');
  });

  it('enables it again with flag 2 and a zero time, as Task Manager writes', async () => {
    expect(await platform.setEnabled(`registryUserRun:${NAME}`, true)).toEqual({ ok: true });
    expect(approvedBytes(APPROVED_RUN, NAME).toString('hex')).toBe('020000000000000000000000');
    expect((await entry(`registryUserRun:${NAME}`))?.status).toBe('enabled');
  });

  it('reads a flag Task Manager does not write as unknown, never enabled', async () => {
    reg('add', APPROVED_RUN, '/v', NAME, '/t', 'REG_BINARY', '/d', '060000000000000000000000', '/f');
    expect(await entry(`registryUserRun:${NAME}`)).toMatchObject({ status: 'unknown', statusDetail: expect.stringMatching(/0x06/) });
  });

  it('answers NOT_FOUND for a name that is not in the Run key', async () => {
    expect(await platform.setEnabled(`registryUserRun:${NAME}-absent`, false)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('lists a shortcut in the user’s Startup folder (SHGetKnownFolderPath) with its target and arguments, and disables it under StartupFolder', async () => {
    const folder = loadStartupApi().startupFolder('user');
    expect(folder).not.toBeNull();
    fs.mkdirSync(folder ?? '', { recursive: true });
    shortcutPath = path.win32.join(folder ?? '', SHORTCUT);
    fs.writeFileSync(shortcutPath, buildShellLink({ localBasePath: process.execPath, arguments: '--version' }));
    const found = await entry(`startupFolderUser:${SHORTCUT}`);
    expect(found).toMatchObject({ name: NAME, command: `${/\s/.test(process.execPath) ? `"${process.execPath}"` : process.execPath} --version`, locationPath: shortcutPath, status: 'enabled' });
    expect(await platform.setEnabled(`startupFolderUser:${SHORTCUT}`, false)).toEqual({ ok: true });
    expect(approvedBytes(APPROVED_FOLDER, SHORTCUT).readUInt32LE(0)).toBe(3);
  });

  // HKLM: the shell must be elevated (Wine's is, and so are the Windows workflow's runners).
  it('lists a value of the 32-bit Run key (WOW6432Node) and keeps its state under HKLM’s Run32', async () => {
    reg('add', MACHINE_RUN, '/v', NAME, '/t', 'REG_SZ', '/d', `"${process.execPath}" --version`, '/f', '/reg:32');
    expect(await entry(`registryMachineRun32:${NAME}`)).toMatchObject({
      location: 'registryMachineRun32',
      locationPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Run',
      status: 'enabled',
      needsElevation: true,
    });
    // Not in the 64-bit view's list.
    expect(await entry(`registryMachineRun:${NAME}`)).toBeUndefined();
    expect(await platform.setEnabled(`registryMachineRun32:${NAME}`, false)).toEqual({ ok: true });
    expect(approvedBytes(APPROVED_RUN32, NAME).readUInt32LE(0)).toBe(3);
    expect((await entry(`registryMachineRun32:${NAME}`))?.status).toBe('disabled');
  });
});
