import { describe, expect, it } from 'vitest';
import { executablePath, userDataOverride, type LaunchEnvironment } from './launch-trust.ts';

const windows: LaunchEnvironment = { platform: 'win32', execPath: 'C:\\Program Files\\Task Manager\\Task Manager.exe', isPackaged: true, env: {} };

describe('executablePath: what IFEO, the elevated task and "Restart as administrator" name', () => {
  it('is process.execPath on Windows whatever the environment says (HKCU\\Environment is the user’s to write)', () => {
    const planted = { APPIMAGE: 'C:\\Users\\u\\evil.exe', TASKMGR_EXE: 'C:\\evil.exe' };
    expect(executablePath({ ...windows, env: planted })).toBe(windows.execPath);
    expect(executablePath({ ...windows, platform: 'darwin', execPath: '/Applications/T.app/Contents/MacOS/T', env: planted })).toBe('/Applications/T.app/Contents/MacOS/T');
  });

  it('is the AppImage on Linux (its runtime sets APPIMAGE; a start-at-login entry must name it), else execPath', () => {
    const linux = { ...windows, platform: 'linux' as const, execPath: '/tmp/.mount_T/taskmgr' };
    expect(executablePath({ ...linux, env: { APPIMAGE: '/home/u/T.AppImage' } })).toBe('/home/u/T.AppImage');
    expect(executablePath({ ...linux, env: {} })).toBe('/tmp/.mount_T/taskmgr');
    expect(executablePath({ ...linux, env: { APPIMAGE: 'relative/T.AppImage' } })).toBe('/tmp/.mount_T/taskmgr');
  });
});

describe('userDataOverride', () => {
  it('is ignored by a packaged build (an elevated instance must not write where the user points it)', () => {
    expect(userDataOverride({ ...windows, env: { TASKMGR_USER_DATA_DIR: 'C:\\Users\\u\\junction' } })).toBeNull();
  });

  it('is honoured by a development build (tests give each app a profile of its own)', () => {
    expect(userDataOverride({ ...windows, isPackaged: false, env: { TASKMGR_USER_DATA_DIR: 'C:\\tmp\\profile' } })).toBe('C:\\tmp\\profile');
    expect(userDataOverride({ ...windows, isPackaged: false, env: { TASKMGR_USER_DATA_DIR: ' ' } })).toBeNull();
  });
});
