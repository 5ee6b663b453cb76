/**
 * The top-level windows End task may ask to close, from EnumWindows. For each window the callback
 * first asks what sends no message — IsWindowVisible and GetWindowThreadProcessId — and reads the
 * rest (owner, extended style, GetWindowTextLengthW) only for a visible window of a target process,
 * never for one of this process: GetWindowTextLengthW sends WM_GETTEXTLENGTH to a window of the
 * calling process, and from Electron's main thread that is a SendMessage into its own windows (or
 * across to another of its threads, which stalls main until that thread answers).
 *
 * Nothing may be thrown out of the callback (it returns through koffi's native frames): an error
 * stops the enumeration and is thrown once EnumWindows has returned. Pure but for the injected
 * user32 calls, so the order of the calls is tested on any OS.
 */
import type { TopLevelWindow } from './win32-api.ts';

/** The user32 calls used, as the bindings make them. */
export interface User32Calls {
  /** EnumWindows: `visit` for each top-level window, until it answers false. */
  enumWindows(visit: (hwnd: number) => boolean): void;
  isWindowVisible(hwnd: number): boolean;
  /** GetWindowThreadProcessId's pid; null when the window has gone meanwhile. */
  processIdOf(hwnd: number): number | null;
  /** GetWindow(GW_OWNER) is not null. */
  hasOwner(hwnd: number): boolean;
  /** WS_EX_TOOLWINDOW in GetWindowLongPtrW(GWL_EXSTYLE). */
  isToolWindow(hwnd: number): boolean;
  /** GetWindowTextLengthW > 0. */
  hasTitle(hwnd: number): boolean;
}

/** The visible top-level windows of `pids`, never of `selfPid` (this process). */
export function topLevelWindowsOf(user32: User32Calls, pids: ReadonlySet<number>, selfPid: number): TopLevelWindow[] {
  const windows: TopLevelWindow[] = [];
  let thrown: { error: unknown } | null = null;
  user32.enumWindows((hwnd) => {
    try {
      if (!user32.isWindowVisible(hwnd)) return true;
      const pid = user32.processIdOf(hwnd);
      if (pid === null || pid === selfPid || !pids.has(pid)) return true;
      windows.push({ hwnd, pid, isVisible: true, hasOwner: user32.hasOwner(hwnd), isToolWindow: user32.isToolWindow(hwnd), hasTitle: user32.hasTitle(hwnd) });
      return true;
    } catch (error) {
      thrown = { error };
      return false;
    }
  });
  // TypeScript can't see the callback's assignment; the cast restores the declared type.
  const caught = thrown as { error: unknown } | null;
  if (caught) throw caught.error instanceof Error ? caught.error : new Error(`listing the windows failed: ${String(caught.error)}`);
  return windows;
}
