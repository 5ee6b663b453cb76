import { describe, expect, it, vi } from 'vitest';
import { isSignedBuild, startAutoUpdate, updatePolicy, type AutoUpdaterLike } from './updater.ts';

describe('isSignedBuild', () => {
  it.each([
    [null, false],
    ['not json', false],
    ['{"name":"taskmgr"}', false],
    ['{"taskmgrBuild":{"isSigned":"true"}}', false],
    ['{"taskmgrBuild":{"isSigned":false}}', false],
    ['{"taskmgrBuild":{"isSigned":true}}', true],
  ])('%s → %s', (text, expected) => expect(isSignedBuild(text)).toBe(expected));
});

describe('updatePolicy', () => {
  const signed = { isPackaged: true, isSigned: true, platform: 'win32' as const, isElevated: false, env: {} };
  it('is on only for a packaged, signed build', () => {
    expect(updatePolicy(signed)).toEqual({ isEnabled: true });
    expect(updatePolicy({ ...signed, isSigned: false })).toMatchObject({ isEnabled: false, reason: expect.stringContaining('unsigned') });
    expect(updatePolicy({ ...signed, isPackaged: false })).toMatchObject({ isEnabled: false });
    expect(updatePolicy({ ...signed, env: { TASKMGR_DISABLE_UPDATES: '1' } })).toMatchObject({ isEnabled: false });
  });
  it('never installs from an elevated instance (its installer would run as administrator from a user-writable folder)', () => {
    expect(updatePolicy({ ...signed, isElevated: true })).toMatchObject({ isEnabled: false, reason: expect.stringContaining('elevated') });
    expect(updatePolicy({ ...signed, platform: 'linux', env: { APPIMAGE: '/opt/t.AppImage' }, isElevated: true })).toMatchObject({ isEnabled: false });
    // Windows, elevation unknown: off, as it might be elevated.
    expect(updatePolicy({ ...signed, isElevated: null })).toMatchObject({ isEnabled: false });
  });
  it('updates on Linux only as an AppImage', () => {
    expect(updatePolicy({ ...signed, platform: 'linux' })).toMatchObject({ isEnabled: false });
    expect(updatePolicy({ ...signed, platform: 'linux', env: { APPIMAGE: '/opt/t.AppImage' } })).toEqual({ isEnabled: true });
  });
});

describe('startAutoUpdate', () => {
  it('downloads in the background, installs on quit, and logs a failed check instead of throwing', async () => {
    const log = vi.fn<(line: string) => void>();
    const updater: AutoUpdaterLike = {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      on: vi.fn(),
      checkForUpdates: vi.fn(async () => {
        throw new Error('offline');
      }),
    };
    const stop = startAutoUpdate(updater, log);
    await new Promise((resolve) => setTimeout(resolve, 0));
    stop();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(log).toHaveBeenCalledWith('updater: check failed: offline');
  });
});
