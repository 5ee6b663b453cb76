/**
 * The main window's options: every security item of REFERENCE.md "Electron" in one pure function,
 * so a test can assert each of them. The bounds come from the remembered settings, clamped to a
 * visible display by `visibleBounds`.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export interface WindowOptionsInput {
  preloadPath: string;
  bounds: Rectangle | null;
  isAlwaysOnTop: boolean;
  iconPath: string | null;
  /** Dark theme background, so the first frame doesn't flash white. */
  backgroundColor: string;
  /** Developer tools: in development builds only. */
  isDevToolsAllowed: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1100, height: 720 } as const;
export const MIN_WINDOW_SIZE = { width: 640, height: 420 } as const;

export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...(input.bounds ?? DEFAULT_WINDOW_SIZE),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Task Manager',
    alwaysOnTop: input.isAlwaysOnTop,
    backgroundColor: input.backgroundColor,
    autoHideMenuBar: true,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: input.isDevToolsAllowed,
      // The window is a live monitor: keep sampling on screen while it is in the background.
      backgroundThrottling: false,
    },
  };
}

/**
 * Remembered bounds if at least 100 × 50 px of the window's top strip would be visible on one of
 * the displays' work areas; otherwise null (a display was unplugged: open at the default place).
 */
export function visibleBounds(bounds: Rectangle | null, workAreas: readonly Rectangle[]): Rectangle | null {
  if (!bounds) return null;
  const width = Math.max(bounds.width, MIN_WINDOW_SIZE.width);
  const height = Math.max(bounds.height, MIN_WINDOW_SIZE.height);
  const titleStrip = { x: bounds.x, y: bounds.y, width, height: Math.min(height, 50) };
  const isVisible = workAreas.some((area) => overlap(titleStrip.x, titleStrip.width, area.x, area.width) >= 100 && overlap(titleStrip.y, titleStrip.height, area.y, area.height) >= 20);
  return isVisible ? { x: bounds.x, y: bounds.y, width, height } : null;
}

function overlap(start: number, length: number, areaStart: number, areaLength: number): number {
  return Math.max(0, Math.min(start + length, areaStart + areaLength) - Math.max(start, areaStart));
}
