import { describe, expect, it } from 'vitest';
import { appWindowsByPid, isAppWindow, type TopLevelWindow } from './app-windows.ts';

const window = (pid: number, extra: Partial<TopLevelWindow> = {}): TopLevelWindow => ({
  pid,
  isVisible: true,
  hasOwner: false,
  isToolWindow: false,
  hasTitle: true,
  isHung: false,
  ...extra,
});

describe('isAppWindow', () => {
  it.each([
    { name: 'a visible, unowned, titled window', w: window(1), expected: true },
    { name: 'hidden', w: window(1, { isVisible: false }), expected: false },
    { name: 'owned (a dialog)', w: window(1, { hasOwner: true }), expected: false },
    { name: 'a tool window', w: window(1, { isToolWindow: true }), expected: false },
    { name: 'untitled (the taskbar, message-only helpers)', w: window(1, { hasTitle: false }), expected: false },
  ])('$name → $expected', ({ w, expected }) => {
    expect(isAppWindow(w)).toBe(expected);
  });
});

describe('appWindowsByPid', () => {
  it('marks the processes with app windows; one hung app window makes the process not responding', () => {
    const hints = appWindowsByPid([
      window(100),
      window(100, { isHung: true }),
      window(200),
      window(300, { isVisible: false, isHung: true }),
      window(400, { hasOwner: true }),
      window(0),
    ]);
    expect([...hints]).toEqual([
      [100, { hasAppWindow: true, isNotResponding: true }],
      [200, { hasAppWindow: true, isNotResponding: false }],
    ]);
  });

  it('a hung window that is not an app window does not count', () => {
    expect(appWindowsByPid([window(1), window(1, { isToolWindow: true, isHung: true })]).get(1)?.isNotResponding).toBe(false);
  });
});
