import type { NativeImage } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { TrayController, trayMenuTemplate, type TrayActions, type TrayLike } from './tray.ts';

const actions = (): TrayActions => ({ show: vi.fn(), setAlwaysOnTop: vi.fn(), openWindowsTaskManager: vi.fn(), quit: vi.fn() });

describe('trayMenuTemplate', () => {
  it('offers Open Windows Task Manager on Windows only, and reflects always-on-top', () => {
    const labels = (platform: string) => trayMenuTemplate({ isAlwaysOnTop: true, platform }, actions()).map((item) => item.label ?? item.type);
    expect(labels('win32')).toEqual(['Show Task Manager', 'Always on top', 'Open Windows Task Manager', 'separator', 'Quit']);
    expect(labels('linux')).toEqual(['Show Task Manager', 'Always on top', 'separator', 'Quit']);
    expect(trayMenuTemplate({ isAlwaysOnTop: true, platform: 'linux' }, actions())[1]).toMatchObject({ type: 'checkbox', checked: true });
  });

  it('runs the chosen action', () => {
    const chosen = actions();
    const items = trayMenuTemplate({ isAlwaysOnTop: false, platform: 'win32' }, chosen);
    items[1]?.click?.({ checked: true } as never, undefined, {} as never);
    items[2]?.click?.({} as never, undefined, {} as never);
    items[4]?.click?.({} as never, undefined, {} as never);
    expect(chosen.setAlwaysOnTop).toHaveBeenCalledWith(true);
    expect(chosen.openWindowsTaskManager).toHaveBeenCalled();
    expect(chosen.quit).toHaveBeenCalled();
  });
});

describe('TrayController', () => {
  function setup(scaleFactor = 1) {
    const images: { width: number; scale: number }[] = [];
    const tooltips: string[] = [];
    const listeners = new Map<string, () => void>();
    const tray: TrayLike = {
      setImage: vi.fn(),
      setToolTip: (text) => void tooltips.push(text),
      setContextMenu: vi.fn(),
      on: (event, listener) => listeners.set(event, listener),
      destroy: vi.fn(),
    };
    const chosen = actions();
    const controller = new TrayController({
      createTray: () => tray,
      buildMenu: (template) => template,
      imageOf: (bitmap, scale) => {
        images.push({ width: bitmap.width, scale });
        return {} as NativeImage;
      },
      scaleFactor,
      actions: chosen,
    });
    return { controller, tray, images, tooltips, listeners, chosen };
  }

  it('redraws the graph and the tooltip with each reading, and shows the window on click', () => {
    const { controller, tray, tooltips, listeners, chosen } = setup();
    controller.addReading(12);
    controller.addReading(12);
    controller.addReading(50);
    expect(tray.setImage).toHaveBeenCalledTimes(3);
    expect(tooltips).toEqual(['Task Manager — CPU —', 'Task Manager — CPU 12 %', 'Task Manager — CPU 50 %']);
    listeners.get('click')?.();
    expect(chosen.show).toHaveBeenCalledTimes(1);
  });

  it('draws at twice the size on a 2× display', () => {
    const { controller, images } = setup(2);
    controller.addReading(10);
    expect(images.at(-1)).toEqual({ width: 32, scale: 2 });
  });

  it('rebuilds the menu only when what it shows changed', () => {
    const { controller, tray } = setup();
    controller.setShellState({ isAlwaysOnTop: false, platform: 'win32' });
    controller.setShellState({ isAlwaysOnTop: false, platform: 'win32' });
    controller.setShellState({ isAlwaysOnTop: true, platform: 'win32' });
    expect(tray.setContextMenu).toHaveBeenCalledTimes(2);
  });
});
