import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../src-shared/commands.ts';
import type { ShellExecuteRequest, Win32Api } from '../../control/win32/win32-api.ts';
import { FakeStartupApi } from './fake-startup-api.ts';
import { buildShellLink } from './shell-link-fixtures.ts';
import { REG_TYPE, type RegistryKeyPath } from './startup-api.ts';
import { createWindowsStartup, PACKAGED_TASKS_NOTE, type WindowsStartupOptions } from './windows-startup.ts';

const RUN = 'Software\\Microsoft\\Windows\\CurrentVersion\\Run';
const APPROVED = 'Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved';
const hkcuRun: RegistryKeyPath = { hive: 'HKEY_CURRENT_USER', subKey: RUN, view: 64 };
const hklmRun: RegistryKeyPath = { hive: 'HKEY_LOCAL_MACHINE', subKey: RUN, view: 64 };
const hklmRun32: RegistryKeyPath = { hive: 'HKEY_LOCAL_MACHINE', subKey: RUN, view: 32 };
const approved = (hive: RegistryKeyPath['hive'], leaf: string): RegistryKeyPath => ({ hive, subKey: `${APPROVED}\\${leaf}`, view: 64 });
const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));

const USER_STARTUP = 'C:\\Users\\ann\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup';
const NOW_MS = 1_796_472_000_000; // 2026-12-05 12:00 UTC
/** 2023-02-08 14:20:53.362 UTC, as a FILETIME's bytes. */
const CHANGED_AT_MS = 1_675_866_053_362;
const CHANGED_AT = 'd40d438dc83bd901';

/** A machine with one entry of each kind, and the calls the adapter made. */
function machine(overrides: Partial<WindowsStartupOptions> = {}) {
  const api = new FakeStartupApi();
  api.environment = { localappdata: 'C:\\Users\\ann\\AppData\\Local', windir: 'C:\\Windows', programfiles: 'C:\\Program Files' };
  api.folders = { user: USER_STARTUP };
  api.setString(hkcuRun, 'Updater', '"%LOCALAPPDATA%\\App\\update.exe" --background', REG_TYPE.EXPAND_SZ);
  api.setString(hkcuRun, '', 'the default value is not an entry');
  api.setValue(hkcuRun, 'NotAString', REG_TYPE.DWORD, bytes('01000000'));
  api.setValue(approved('HKEY_CURRENT_USER', 'Run'), 'updater', REG_TYPE.BINARY, bytes(`03000000 ${CHANGED_AT}`));
  api.setString(hklmRun, 'SecurityHealth', '%windir%\\system32\\SecurityHealthSystray.exe');
  api.setString(hklmRun32, 'OldTool', 'C:\\Program Files (x86)\\Old\\old.exe -q');
  // Run32's state is under Run32: the same name under Run must not be read for it.
  api.setValue(approved('HKEY_LOCAL_MACHINE', 'Run32'), 'OldTool', REG_TYPE.BINARY, bytes('06000000 0000000000000000'));
  api.setValue(approved('HKEY_LOCAL_MACHINE', 'Run'), 'OldTool', REG_TYPE.BINARY, bytes('02000000 0000000000000000'));
  api.setValue(approved('HKEY_CURRENT_USER', 'StartupFolder'), 'Notes.lnk', REG_TYPE.BINARY, bytes(`03000000 ${CHANGED_AT}`));
  api.publishers.set('C:\\Users\\ann\\AppData\\Local\\App\\update.exe', 'App Software Ltd.');
  api.publishers.set('C:\\Program Files\\Notes\\notes.exe', 'Notes Inc.');

  const files = new Map<string, Uint8Array>([
    [`${USER_STARTUP}\\Notes.lnk`, buildShellLink({ localBasePath: 'C:\\Program Files\\Notes\\notes.exe', arguments: '--tray' })],
    [`${USER_STARTUP}\\desktop.ini`, new Uint8Array(8)],
    [`${USER_STARTUP}\\sync.bat`, new Uint8Array(8)],
  ]);
  const existing = new Set(['C:\\Windows\\System32\\cmd.exe']);
  const launched: { file: string; args: readonly string[] }[] = [];
  const shellExecuted: ShellExecuteRequest[] = [];
  const control: Pick<Win32Api, 'systemWindowsDirectory' | 'shellExecute'> = {
    systemWindowsDirectory: () => 'C:\\Windows',
    shellExecute: (request) => {
      shellExecuted.push(request);
      return { ok: true, value: undefined };
    },
  };
  const platform = createWindowsStartup({
    api: () => api,
    control: () => control,
    launch: async (file, args): Promise<CommandResult> => {
      launched.push({ file, args });
      return { ok: true };
    },
    listFolder: (folder) => (folder === USER_STARTUP ? [...files.keys()].map((f) => f.slice(USER_STARTUP.length + 1)) : null),
    readFile: (file) => files.get(file) ?? null,
    exists: (file) => existing.has(file),
    now: () => NOW_MS,
    has32BitView: true,
    ...overrides,
  });
  return { api, platform, launched, shellExecuted, files };
}

describe('WindowsStartup.list (the entries Task Manager lists)', () => {
  it('lists the Run values of HKCU and HKLM (both views) and the Startup folder’s files, with each one’s state', async () => {
    const { platform } = machine();
    const listing = await platform.list();
    expect(listing.unavailableReason).toBeNull();
    expect(listing.entries.map((e) => e.id)).toEqual([
      'registryUserRun:Updater',
      'registryMachineRun:SecurityHealth',
      'registryMachineRun32:OldTool',
      'startupFolderUser:Notes.lnk',
      'startupFolderUser:sync.bat',
    ]);
    const [updater, health, old, notes, batch] = listing.entries;
    expect(updater).toEqual({
      id: 'registryUserRun:Updater',
      name: 'Updater',
      publisher: 'App Software Ltd.',
      command: '"%LOCALAPPDATA%\\App\\update.exe" --background',
      exePath: 'C:\\Users\\ann\\AppData\\Local\\App\\update.exe',
      location: 'registryUserRun',
      locationPath: 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      status: 'disabled',
      statusDetail: null,
      changedAtMs: CHANGED_AT_MS,
      needsElevation: false,
    });
    // No StartupApproved value: enabled. HKLM: changing it needs elevation.
    expect(health).toMatchObject({ status: 'enabled', changedAtMs: null, needsElevation: true, exePath: 'C:\\Windows\\system32\\SecurityHealthSystray.exe', publisher: null });
    // Run32's own StartupApproved value (flag 6), not Run's (flag 2) of the same name.
    expect(old).toMatchObject({
      location: 'registryMachineRun32',
      locationPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Run',
      status: 'unknown',
      exePath: 'C:\\Program Files (x86)\\Old\\old.exe',
      needsElevation: true,
    });
    expect(old?.statusDetail).toMatch(/0x06/);
    // A shortcut: named without .lnk, its command the target and arguments, its state under StartupFolder.
    expect(notes).toMatchObject({
      name: 'Notes',
      command: '"C:\\Program Files\\Notes\\notes.exe" --tray',
      exePath: 'C:\\Program Files\\Notes\\notes.exe',
      publisher: 'Notes Inc.',
      locationPath: `${USER_STARTUP}\\Notes.lnk`,
      status: 'disabled',
      changedAtMs: CHANGED_AT_MS,
      needsElevation: false,
    });
    expect(batch).toMatchObject({ name: 'sync.bat', command: `${USER_STARTUP}\\sync.bat`, status: 'enabled' });
  });

  it('says that packaged apps’ startup tasks are not listed', async () => {
    expect((await machine().platform.list()).notes).toContain(PACKAGED_TASKS_NOTE);
  });

  it('finds a bare program name in System32', async () => {
    const { api, platform } = machine();
    api.setString(hkcuRun, 'Shell', 'cmd /c echo hi');
    const shell = (await platform.list()).entries.find((e) => e.id === 'registryUserRun:Shell');
    expect(shell?.exePath).toBe('C:\\Windows\\System32\\cmd.exe');
  });

  it('has no 32-bit Run key where Windows has no 32-bit view', async () => {
    const { platform } = machine({ has32BitView: false });
    expect((await platform.list()).entries.some((e) => e.location === 'registryMachineRun32')).toBe(false);
  });

  it('shows every entry of a key whose StartupApproved values can’t be read as unknown, never enabled, and says so', async () => {
    const { api, platform } = machine();
    api.failRead(approved('HKEY_CURRENT_USER', 'Run'), 5);
    const listing = await platform.list();
    expect(listing.entries.find((e) => e.id === 'registryUserRun:Updater')).toMatchObject({ status: 'unknown', statusDetail: expect.stringMatching(/could not be read/) });
    expect(listing.notes.some((n) => n.includes('StartupApproved\\Run could not be read'))).toBe(true);
  });

  it('notes a Run key it could not read, and a Startup folder Windows does not name', async () => {
    const { api, platform } = machine();
    api.failRead(hklmRun, 5);
    const listing = await platform.list();
    expect(listing.entries.some((e) => e.location === 'registryMachineRun')).toBe(false);
    expect(listing.notes).toContain('HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run could not be read (Windows error 5), so its startup apps are not listed');
    expect(listing.notes).toContain("Windows names no all users' Startup folder here");
  });

  it('loses only the location whose registry call throws, and notes it', async () => {
    const { api, platform } = machine();
    const readValues = api.readValues.bind(api);
    api.readValues = (key) => {
      if (key.view === 32) throw new Error('koffi: the call crashed');
      return readValues(key);
    };
    const listing = await platform.list();
    expect(listing.entries.map((e) => e.location)).not.toContain('registryMachineRun32');
    expect(listing.entries.map((e) => e.id)).toContain('registryUserRun:Updater');
    expect(listing.notes).toContain("registryMachineRun32's startup apps could not be read (koffi: the call crashed)");
  });

  it('answers INTERNAL, not a throw, when the registry write itself throws', async () => {
    const { api, platform } = machine();
    api.writeBinaryValue = () => {
      throw new Error('koffi: the call crashed');
    };
    expect(await platform.setEnabled('registryUserRun:Updater', false)).toMatchObject({ ok: false, code: 'INTERNAL', message: expect.stringMatching(/the call crashed/) });
  });

  it('lists nothing and says why where the registry calls can’t be loaded', async () => {
    const { platform } = machine({
      api: () => {
        throw new Error('koffi is missing');
      },
    });
    expect(await platform.list()).toEqual({ entries: [], notes: [], unavailableReason: expect.stringMatching(/koffi is missing/) });
    expect(await platform.setEnabled('registryUserRun:Updater', false)).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
  });
});

describe('WindowsStartup.setEnabled (as Task Manager: the StartupApproved value only)', () => {
  it('disables with flag 3 and now’s FILETIME, 12 bytes, under the entry’s own name, and touches nothing else', async () => {
    const { api, platform } = machine();
    api.setValue(approved('HKEY_CURRENT_USER', 'Run'), 'updater', REG_TYPE.BINARY, bytes('02000000 0000000000000000'));
    const runBefore = api.value(hkcuRun, 'Updater');
    expect(await platform.setEnabled('registryUserRun:Updater', false)).toEqual({ ok: true });
    expect(api.writes).toHaveLength(1);
    expect(api.writes[0]?.key).toEqual(approved('HKEY_CURRENT_USER', 'Run'));
    expect(api.writes[0]?.name).toBe('Updater');
    // 2026-12-05 12:00 UTC = FILETIME 0x01DD84B027556000.
    expect(Buffer.from(api.writes[0]?.data ?? []).toString('hex')).toBe('03000000' + '00605527b084dd01');
    expect(api.value(hkcuRun, 'Updater')).toEqual(runBefore);
    expect((await platform.list()).entries[0]).toMatchObject({ status: 'disabled', changedAtMs: NOW_MS });
  });

  it('enables with flag 2', async () => {
    const { api, platform } = machine();
    expect(await platform.setEnabled('startupFolderUser:Notes.lnk', true)).toEqual({ ok: true });
    expect(api.writes[0]).toMatchObject({ key: approved('HKEY_CURRENT_USER', 'StartupFolder'), name: 'Notes.lnk' });
    expect(api.writes[0]?.data[0]).toBe(2);
    expect((await platform.list()).entries.find((e) => e.id === 'startupFolderUser:Notes.lnk')?.status).toBe('enabled');
  });

  it('writes a 32-bit entry’s state under HKLM’s Run32', async () => {
    const { api, platform } = machine();
    expect(await platform.setEnabled('registryMachineRun32:OldTool', false)).toEqual({ ok: true });
    expect(api.writes[0]?.key).toEqual(approved('HKEY_LOCAL_MACHINE', 'Run32'));
  });

  it('answers ACCESS_DENIED in plain words for an HKLM entry when the app is not elevated, and writes nothing', async () => {
    const { api, platform } = machine();
    api.deniedWrites.add('HKEY_LOCAL_MACHINE');
    const result = await platform.setEnabled('registryMachineRun:SecurityHealth', false);
    expect(result).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
    expect(result.ok ? '' : result.message).toBe(
      'Disabling the startup app “SecurityHealth”: it starts for every user of this PC, so changing it needs administrator rights — run Task Manager as administrator',
    );
    expect(api.writes).toHaveLength(0);
  });

  it.each([
    { id: 'registryUserRun:Nobody', why: 'a name that is not there' },
    { id: 'registryUserRun:NotAString', why: 'a value that is not a command' },
    { id: 'autostartUser:x.desktop', why: 'another OS’s location' },
    { id: 'Updater', why: 'no location' },
    { id: 'registryUserRun:', why: 'no name' },
  ])('answers NOT_FOUND for $why, and writes nothing', async ({ id }) => {
    const { api, platform } = machine();
    expect(await platform.setEnabled(id, false)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(api.writes).toHaveLength(0);
  });

  it('finds an entry whose name differs only in case (registry names are case-insensitive)', async () => {
    const { api, platform } = machine();
    expect(await platform.setEnabled('registryUserRun:updater', false)).toEqual({ ok: true });
    expect(api.writes[0]?.name).toBe('Updater');
  });
});

describe('WindowsStartup.openLocation and openProperties', () => {
  it('shows a Run value’s program in File Explorer, and a shortcut itself', async () => {
    const { platform, launched } = machine();
    expect(await platform.openLocation('registryUserRun:Updater')).toEqual({ ok: true });
    expect(await platform.openLocation('startupFolderUser:Notes.lnk')).toEqual({ ok: true });
    expect(launched).toEqual([
      { file: 'C:\\Windows\\explorer.exe', args: ['/select,"C:\\Users\\ann\\AppData\\Local\\App\\update.exe"'] },
      { file: 'C:\\Windows\\explorer.exe', args: [`/select,"${USER_STARTUP}\\Notes.lnk"`] },
    ]);
  });

  it('opens the Properties of the program a shortcut starts', async () => {
    const { platform, shellExecuted } = machine();
    expect(await platform.openProperties('startupFolderUser:Notes.lnk')).toEqual({ ok: true });
    expect(shellExecuted).toMatchObject([{ verb: 'properties', file: 'C:\\Program Files\\Notes\\notes.exe' }]);
  });

  it('refuses with a reason when the command names no program file that exists', async () => {
    const { api, platform, launched } = machine();
    api.setString(hkcuRun, 'Odd', 'mystery-tool --x');
    const result = await platform.openLocation('registryUserRun:Odd');
    expect(result).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
    expect(result.ok ? '' : result.message).toMatch(/can't tell which file “Odd” starts/);
    expect(launched).toHaveLength(0);
    expect(await platform.openProperties('registryUserRun:Odd')).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
  });

  it('answers NOT_FOUND for an id that is not listed', async () => {
    expect(await machine().platform.openProperties('registryUserRun:Gone')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
