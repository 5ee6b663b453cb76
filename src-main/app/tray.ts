/**
 * The tray icon: a live CPU mini-graph (tray-graph.ts) with the figure as its tooltip, and a menu
 * (Show, Always on top, Open Windows Task Manager, Quit). Clicking it shows the window, which is
 * how a window minimised to the tray comes back. Electron's Tray, Menu and nativeImage are injected.
 */
import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import type { ShellState } from '../../src-shared/shell.ts';
import { drawCpuGraph, trayTooltip, type TrayBitmap } from './tray-graph.ts';

export interface TrayActions {
  show(): void;
  setAlwaysOnTop(isOn: boolean): void;
  openWindowsTaskManager(): void;
  quit(): void;
}

export interface TrayLike {
  setImage(image: NativeImage): void;
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click' | 'double-click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps {
  createTray(image: NativeImage): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
  imageOf(bitmap: TrayBitmap, scaleFactor: number): NativeImage;
  scaleFactor: number;
  actions: TrayActions;
}

/** Readings the graph holds: one per snapshot, as many as it has pixel columns. */
const TRAY_SIZE_PX = 16;

/** The menu for the current shell state. Pure. */
export function trayMenuTemplate(state: Pick<ShellState, 'isAlwaysOnTop' | 'platform'>, actions: TrayActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [
    { label: 'Show Task Manager', click: () => actions.show() },
    { label: 'Always on top', type: 'checkbox', checked: state.isAlwaysOnTop, click: (item) => actions.setAlwaysOnTop(item.checked) },
  ];
  if (state.platform === 'win32') items.push({ label: 'Open Windows Task Manager', click: () => actions.openWindowsTaskManager() });
  items.push({ type: 'separator' }, { label: 'Quit', click: () => actions.quit() });
  return items;
}

export class TrayController {
  private readonly tray: TrayLike;
  private readonly deps: TrayDeps;
  private readonly history: (number | null)[] = [];
  private tooltip = '';
  private menuKey = '';

  constructor(deps: TrayDeps) {
    this.deps = deps;
    this.tray = deps.createTray(this.render());
    this.tray.on('click', () => deps.actions.show());
    this.tray.on('double-click', () => deps.actions.show());
    this.setTooltip(null);
  }

  /** One CPU reading per snapshot (null on the collector's first sample). */
  addReading(cpuPercent: number | null): void {
    this.history.push(cpuPercent);
    if (this.history.length > TRAY_SIZE_PX) this.history.shift();
    this.tray.setImage(this.render());
    this.setTooltip(cpuPercent);
  }

  setShellState(state: Pick<ShellState, 'isAlwaysOnTop' | 'platform'>): void {
    const key = `${state.isAlwaysOnTop}|${state.platform}`;
    if (key === this.menuKey) return;
    this.menuKey = key;
    this.tray.setContextMenu(this.deps.buildMenu(trayMenuTemplate(state, this.deps.actions)));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private render(): NativeImage {
    const scale = Math.max(1, Math.round(this.deps.scaleFactor));
    // Each reading is one column at 1×; at 2× the graph is drawn at twice the size with the same readings.
    const bitmap = drawCpuGraph(scale === 1 ? this.history : this.history.flatMap((r) => Array<number | null>(scale).fill(r)), TRAY_SIZE_PX * scale);
    return this.deps.imageOf(bitmap, scale);
  }

  private setTooltip(cpuPercent: number | null): void {
    const text = trayTooltip(cpuPercent);
    if (text === this.tooltip) return;
    this.tooltip = text;
    this.tray.setToolTip(text);
  }
}
