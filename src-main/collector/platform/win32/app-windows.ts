/**
 * Which processes have app windows, from the top-level windows `EnumWindows` lists. Pure.
 *
 * An app window (what puts a process in Task Manager's "Apps"): visible, not owned by another
 * window (dialogs and tool palettes are owned), not a tool window (WS_EX_TOOLWINDOW: floating bars,
 * tray helpers), with a title. A process is not responding when one of its app windows is hung
 * (`IsHungAppWindow`: it has not read its messages for 5 s).
 */

export interface TopLevelWindow {
  pid: number;
  isVisible: boolean;
  hasOwner: boolean;
  isToolWindow: boolean;
  hasTitle: boolean;
  isHung: boolean;
}

export interface AppWindowHints {
  hasAppWindow: boolean;
  isNotResponding: boolean;
}

export function isAppWindow(w: TopLevelWindow): boolean {
  return w.isVisible && !w.hasOwner && !w.isToolWindow && w.hasTitle;
}

export function appWindowsByPid(windows: readonly TopLevelWindow[]): Map<number, AppWindowHints> {
  const byPid = new Map<number, AppWindowHints>();
  for (const w of windows) {
    if (w.pid === 0 || !isAppWindow(w)) continue;
    const hints = byPid.get(w.pid) ?? { hasAppWindow: true, isNotResponding: false };
    if (w.isHung) hints.isNotResponding = true;
    byPid.set(w.pid, hints);
  }
  return byPid;
}
