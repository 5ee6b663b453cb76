import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppSettingsFile, DEFAULT_APP_SETTINGS, parseAppSettings } from './app-settings.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-settings-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('parseAppSettings', () => {
  it.each([
    ['nothing stored', null],
    ['not JSON', '{oops'],
    ['an array', '[1,2]'],
    ['a number', '42'],
  ])('falls back to the defaults for %s', (_label, text) => {
    expect(parseAppSettings(text)).toEqual(DEFAULT_APP_SETTINGS);
  });

  it('keeps every good field and drops only the bad ones', () => {
    const text = JSON.stringify({
      windowBounds: { x: 10, y: 20, width: 800, height: 600 },
      isMaximized: 'yes',
      isAlwaysOnTop: true,
      isMinimizeToTray: null,
      extra: 'ignored',
    });
    expect(parseAppSettings(text)).toEqual({ ...DEFAULT_APP_SETTINGS, windowBounds: { x: 10, y: 20, width: 800, height: 600 }, isAlwaysOnTop: true });
  });

  it.each([
    [{ x: 1.5, y: 0, width: 800, height: 600 }],
    [{ x: 0, y: 0, width: 0, height: 600 }],
    [{ x: 0, y: 0, width: 800 }],
    [{ x: 1e9, y: 0, width: 800, height: 600 }],
  ])('refuses bounds %j', (bounds) => {
    expect(parseAppSettings(JSON.stringify({ windowBounds: bounds })).windowBounds).toBeNull();
  });

  it.each([
    [{ updateIntervalMs: 4000, isUpdatePaused: true }, 4000, true],
    [{ updateIntervalMs: 100, isUpdatePaused: 'no' }, 1000, false],
    [{ updateIntervalMs: 2500.5 }, 1000, false],
    [{ updateIntervalMs: 60_000 }, 1000, false],
  ])('remembers the update speed %j as the sampling rate of the next start, within 250 ms – 10 s', (stored, intervalMs, isPaused) => {
    const parsed = parseAppSettings(JSON.stringify(stored));
    expect([parsed.updateIntervalMs, parsed.isUpdatePaused]).toEqual([intervalMs, isPaused]);
  });
});

describe('AppSettingsFile', () => {
  it('writes changes and reads them back in a new run', () => {
    const file = path.join(dir, 'nested', 'window-settings.json');
    const first = new AppSettingsFile(file);
    expect(first.value).toEqual(DEFAULT_APP_SETTINGS);
    expect(first.update({ isAlwaysOnTop: true, windowBounds: { x: 1, y: 2, width: 900, height: 700 } })).toEqual({ ok: true });
    const second = new AppSettingsFile(file);
    expect(second.value).toMatchObject({ isAlwaysOnTop: true, windowBounds: { x: 1, y: 2, width: 900, height: 700 } });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-settings.json']);
  });

  it('answers a write it cannot do, keeps the change for this run and the old file intact', () => {
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'x');
    const settings = new AppSettingsFile(path.join(blocker, 'window-settings.json'));
    const result = settings.update({ isMinimizeToTray: true });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/could not be saved/);
    expect(settings.value.isMinimizeToTray).toBe(true);
    expect(fs.readFileSync(blocker, 'utf8')).toBe('x');
  });
});
