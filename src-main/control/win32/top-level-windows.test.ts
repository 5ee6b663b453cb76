import { describe, expect, it } from 'vitest';
import { topLevelWindowsOf, type User32Calls } from './top-level-windows.ts';

const SELF_PID = 100;

interface FakeWindow {
  hwnd: number;
  pid: number;
  isVisible?: boolean;
  hasOwner?: boolean;
  isToolWindow?: boolean;
  title?: string;
  /** A call on it throws (a binding that fails). */
  throws?: boolean;
}

/** user32 over a list of windows, recording each call; its EnumWindows fails the test if a callback throws into it. */
function fakeUser32(windows: FakeWindow[]) {
  const calls: string[] = [];
  let escaped: unknown = null;
  const byHwnd = (hwnd: number) => {
    const w = windows.find((x) => x.hwnd === hwnd);
    if (!w) throw new Error(`no window ${hwnd}`);
    if (w.throws) throw new Error(`user32 failed on ${hwnd}`);
    return w;
  };
  const user32: User32Calls = {
    enumWindows: (visit) => {
      for (const w of windows) {
        try {
          if (!visit(w.hwnd)) break;
        } catch (error) {
          escaped = error; // what would unwind through koffi's native frames
          break;
        }
      }
    },
    isWindowVisible: (hwnd) => (calls.push(`IsWindowVisible(${hwnd})`), byHwnd(hwnd).isVisible ?? true),
    processIdOf: (hwnd) => (calls.push(`GetWindowThreadProcessId(${hwnd})`), byHwnd(hwnd).pid),
    hasOwner: (hwnd) => (calls.push(`GetWindow(${hwnd})`), byHwnd(hwnd).hasOwner ?? false),
    isToolWindow: (hwnd) => (calls.push(`GetWindowLongPtrW(${hwnd})`), byHwnd(hwnd).isToolWindow ?? false),
    hasTitle: (hwnd) => (calls.push(`GetWindowTextLengthW(${hwnd})`), (byHwnd(hwnd).title ?? 'x').length > 0),
  };
  return { user32, calls, escaped: () => escaped };
}

describe('topLevelWindowsOf', () => {
  it('reads owner, style and title only of visible windows of the targets, never of this process’s own windows', () => {
    const { user32, calls } = fakeUser32([
      { hwnd: 1, pid: SELF_PID }, // Task Manager's own window: WM_GETTEXTLENGTH would be sent to it
      { hwnd: 2, pid: 4242, title: 'Untitled - Editor' },
      { hwnd: 3, pid: 4242, isVisible: false },
      { hwnd: 4, pid: 5000 }, // not a target
      { hwnd: 5, pid: 4242, hasOwner: true, title: '' },
    ]);
    const windows = topLevelWindowsOf(user32, new Set([4242, SELF_PID]), SELF_PID);
    expect(windows).toEqual([
      { hwnd: 2, pid: 4242, isVisible: true, hasOwner: false, isToolWindow: false, hasTitle: true },
      { hwnd: 5, pid: 4242, isVisible: true, hasOwner: true, isToolWindow: false, hasTitle: false },
    ]);
    const asked = (name: string) => calls.filter((c) => c.startsWith(`${name}(`)).map((c) => Number(c.slice(name.length + 1, -1)));
    expect(asked('GetWindowTextLengthW')).toEqual([2, 5]);
    expect(asked('GetWindowLongPtrW')).toEqual([2, 5]);
    expect(asked('GetWindow')).toEqual([2, 5]);
    expect(asked('GetWindowThreadProcessId')).toEqual([1, 2, 4, 5]); // only visible ones
  });

  it('an error inside the callback never escapes into EnumWindows: it stops the enumeration and is thrown after', () => {
    const { user32, escaped } = fakeUser32([
      { hwnd: 1, pid: 4242 },
      { hwnd: 2, pid: 4242, throws: true },
      { hwnd: 3, pid: 4242 },
    ]);
    expect(() => topLevelWindowsOf(user32, new Set([4242]), SELF_PID)).toThrow('user32 failed on 2');
    expect(escaped()).toBeNull();
  });
});
