import { describe, expect, it } from 'vitest';
import { createWindowOptions, DEFAULT_WINDOW_SIZE, visibleBounds } from './window-options.ts';

const base = { preloadPath: '/app/dist/preload/preload.cjs', bounds: null, isAlwaysOnTop: false, iconPath: null, backgroundColor: '#fff', isDevToolsAllowed: false };

describe('createWindowOptions', () => {
  it('has every security item of the checklist', () => {
    const prefs = createWindowOptions(base).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: false,
    });
    expect(createWindowOptions({ ...base, isDevToolsAllowed: true }).webPreferences?.devTools).toBe(true);
  });

  it('uses the remembered bounds and always-on-top, else the default size', () => {
    expect(createWindowOptions(base)).toMatchObject({ ...DEFAULT_WINDOW_SIZE, alwaysOnTop: false, show: false });
    const bounds = { x: 10, y: 20, width: 900, height: 700 };
    expect(createWindowOptions({ ...base, bounds, isAlwaysOnTop: true })).toMatchObject({ ...bounds, alwaysOnTop: true });
  });
});

describe('visibleBounds', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };
  it.each([
    ['on screen', { x: 100, y: 100, width: 800, height: 600 }, { x: 100, y: 100, width: 800, height: 600 }],
    ['on an unplugged second display', { x: 2500, y: 100, width: 800, height: 600 }, null],
    ['title bar above the top edge', { x: 100, y: -200, width: 800, height: 150 }, null],
    ['too small: grown to the minimum', { x: 0, y: 0, width: 10, height: 10 }, { x: 0, y: 0, width: 640, height: 420 }],
    ['nothing stored', null, null],
  ])('%s', (_label, bounds, expected) => {
    expect(visibleBounds(bounds, [screen])).toEqual(expected);
  });

  it('accepts a display left of the primary one (negative coordinates)', () => {
    const left = { x: -1280, y: 0, width: 1280, height: 1000 };
    expect(visibleBounds({ x: -1200, y: 50, width: 800, height: 600 }, [screen, left])).not.toBeNull();
  });
});
