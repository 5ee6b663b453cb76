/**
 * The main window: made from `createWindowOptions` (every security item; main.ts fences every web
 * contents with `hardenWebContents` as it is created), its bounds remembered (debounced) and restored onto a visible display,
 * minimised to the tray when the user chose so.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle } from 'electron';
import type { SettingsStoreLike } from './shell-controller.ts';
import { createWindowOptions, visibleBounds } from './window-options.ts';

export interface MainWindowDeps {
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  workAreas(): Rectangle[];
  settings: SettingsStoreLike;
  preloadPath: string;
  iconPath: string | null;
  startUrl: string;
  isDarkTheme: boolean;
  isDevToolsAllowed: boolean;
  /** Whether a tray icon exists to come back from (minimise-to-tray needs one). */
  hasTray(): boolean;
  log(line: string): void;
}

const SAVE_BOUNDS_DELAY_MS = 500;

export function openMainWindow(deps: MainWindowDeps, isHidden: boolean): BrowserWindow {
  const stored = deps.settings.value;
  const window = deps.createWindow(
    createWindowOptions({
      preloadPath: deps.preloadPath,
      bounds: visibleBounds(stored.windowBounds, deps.workAreas()),
      isAlwaysOnTop: stored.isAlwaysOnTop,
      iconPath: deps.iconPath,
      backgroundColor: deps.isDarkTheme ? '#1f1f1f' : '#ffffff',
      isDevToolsAllowed: deps.isDevToolsAllowed,
    }),
  );

  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const saveBounds = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = null;
      if (window.isDestroyed()) return;
      const saved = deps.settings.update({ windowBounds: window.getNormalBounds(), isMaximized: window.isMaximized() });
      if (!saved.ok) deps.log(`window: ${saved.message}`);
    }, SAVE_BOUNDS_DELAY_MS);
  };
  window.on('resize', saveBounds);
  window.on('move', saveBounds);
  window.on('maximize', saveBounds);
  window.on('unmaximize', saveBounds);
  window.on('close', () => {
    if (saveTimer) clearTimeout(saveTimer);
    deps.settings.update({ windowBounds: window.getNormalBounds(), isMaximized: window.isMaximized() });
  });
  window.on('minimize', () => {
    if (deps.settings.value.isMinimizeToTray && deps.hasTray()) window.hide();
  });
  window.once('ready-to-show', () => {
    if (isHidden && deps.hasTray()) return;
    if (stored.isMaximized) window.maximize();
    window.show();
  });
  void window.loadURL(deps.startUrl).catch((error: unknown) => deps.log(`window: the page did not load: ${error instanceof Error ? error.message : String(error)}`));
  return window;
}

/** Brings the window back from the tray, from minimised, or from behind other windows. */
export function showWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
