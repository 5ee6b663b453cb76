import { describe, expect, it } from 'vitest';
import type { App } from '../../../src-shared/snapshot.ts';
import { groupWindowsApps, type AppGroupingInput } from './apps.ts';

const T0 = 1_796_000_000_000;
const SYS32 = 'C:\\Windows\\System32';

function w(pid: number, ppid: number, name: string, extra: Partial<AppGroupingInput> = {}): AppGroupingInput {
  return {
    pid,
    ppid,
    name,
    exePath: `${SYS32}\\${name}`,
    startTimeMs: T0 + pid,
    appScope: null,
    cgroupPath: null,
    isKernelThread: false,
    hasAppWindow: false,
    isNotResponding: false,
    isCritical: false,
    isShell: false,
    description: null,
    ...extra,
  };
}

const appOf = (apps: readonly App[], pid: number) => apps.find((a) => a.members.some((m) => m.pid === pid));
const pidsOf = (app: App | undefined) => (app ? app.members.map((m) => m.pid) : []);

/** A desktop as Task Manager sees it: kernel, session managers, services, the shell and what it launched. */
const desktop: AppGroupingInput[] = [
  w(4, 0, 'System', { exePath: null }),
  w(140, 4, 'Registry', { exePath: null }),
  w(560, 4, 'smss.exe', { isCritical: true }),
  w(700, 650, 'csrss.exe', { isCritical: true }),
  w(800, 650, 'wininit.exe', { isCritical: true }),
  w(900, 800, 'services.exe', { isCritical: true }),
  w(920, 800, 'lsass.exe', { isCritical: true }),
  w(1100, 900, 'svchost.exe', { description: 'Host Process for Windows Services' }),
  w(1200, 900, 'svchost.exe', { description: 'Host Process for Windows Services' }),
  w(1300, 1250, 'winlogon.exe', { isCritical: true }),
  w(1400, 1300, 'dwm.exe', { description: 'Desktop Window Manager' }),
  // The shell, with a File Explorer window open.
  w(3000, 2990, 'explorer.exe', { exePath: 'C:\\Windows\\explorer.exe', isShell: true, hasAppWindow: true, description: 'Windows Explorer' }),
  w(3300, 3000, 'explorer.exe', { exePath: 'C:\\WINDOWS\\Explorer.EXE' }),
  // Launched from the Start menu: children of the shell.
  w(3100, 3000, 'notepad.exe', { hasAppWindow: true, description: 'Notepad' }),
  w(3200, 3000, 'OneDrive.exe', { exePath: 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe', description: 'Microsoft OneDrive' }),
  w(4000, 3000, 'chrome.exe', { exePath: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', hasAppWindow: true, description: 'Google Chrome' }),
  w(4010, 4000, 'chrome.exe', { exePath: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', description: 'Google Chrome' }),
  w(4020, 4000, 'chrome.exe', { exePath: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', description: 'Google Chrome' }),
  w(5000, 3000, 'WindowsTerminal.exe', { hasAppWindow: true, description: 'Terminal' }),
  w(5010, 5000, 'OpenConsole.exe'),
  w(5020, 5000, 'pwsh.exe', { description: 'PowerShell 7' }),
  w(5030, 5020, 'node.exe', { description: 'Node.js JavaScript Runtime' }),
  // A service's helper and its same-executable child.
  w(7000, 1100, 'backgroundTaskHost.exe'),
  w(7010, 7000, 'backgroundTaskHost.exe'),
];

describe('groupWindowsApps', () => {
  const apps = groupWindowsApps(desktop);

  it('puts every process in exactly one app', () => {
    const all = apps.flatMap(pidsOf).sort((a, b) => a - b);
    expect(all).toEqual(desktop.map((p) => p.pid).sort((a, b) => a - b));
  });

  it('a process with an app window and its descendants are one app, named by its description', () => {
    expect(appOf(apps, 4020)).toEqual({
      id: `proc:4000:${T0 + 4000}`,
      name: 'Google Chrome',
      category: 'app',
      members: [4000, 4010, 4020].map((pid) => ({ pid, startTimeMs: T0 + pid })),
      isResponding: true,
    });
  });

  it('descendants of descendants join too (a terminal, its shell and what the shell runs)', () => {
    expect(pidsOf(appOf(apps, 5030))).toEqual([5000, 5010, 5020, 5030]);
    expect(appOf(apps, 5030)?.name).toBe('Terminal');
  });

  it('the shell is an app, but what it launches is not part of it (except its own executable)', () => {
    expect(pidsOf(appOf(apps, 3000))).toEqual([3000, 3300]);
    expect(appOf(apps, 3000)).toMatchObject({ name: 'Windows Explorer', category: 'app' });
    expect(pidsOf(appOf(apps, 3100))).toEqual([3100]);
    expect(appOf(apps, 3100)).toMatchObject({ name: 'Notepad', category: 'app' });
  });

  it('a process the shell launched without a window is background', () => {
    expect(appOf(apps, 3200)).toMatchObject({ name: 'Microsoft OneDrive', category: 'background', isResponding: null });
  });

  it.each([4, 140, 560, 700, 800, 900, 920, 1300])('pid %i (critical, System or a child of System) is a system process on its own', (pid) => {
    const app = appOf(apps, pid);
    expect(app?.category).toBe('system');
    expect(pidsOf(app)).toEqual([pid]);
    expect(app?.isResponding).toBeNull();
  });

  it('services and non-critical session processes are background, one app per executable tree', () => {
    expect(appOf(apps, 1100)).toMatchObject({ category: 'background', name: 'Host Process for Windows Services' });
    expect(pidsOf(appOf(apps, 1100))).toEqual([1100]);
    expect(pidsOf(appOf(apps, 1200))).toEqual([1200]);
    expect(appOf(apps, 1400)).toMatchObject({ category: 'background', name: 'Desktop Window Manager' });
    expect(pidsOf(appOf(apps, 7010))).toEqual([7000, 7010]);
    expect(appOf(apps, 7010)?.name).toBe('backgroundTaskHost.exe');
  });
});

describe('groupWindowsApps: responsiveness', () => {
  it('an app whose window is hung is not responding; its members follow it; other apps are not affected', () => {
    const apps = groupWindowsApps([
      w(10, 0, 'editor.exe', { hasAppWindow: true, isNotResponding: true }),
      w(11, 10, 'editor-helper.exe'),
      w(20, 0, 'viewer.exe', { hasAppWindow: true }),
    ]);
    expect(appOf(apps, 11)).toMatchObject({ id: `proc:10:${T0 + 10}`, isResponding: false });
    expect(pidsOf(appOf(apps, 10))).toEqual([10, 11]);
    expect(appOf(apps, 20)?.isResponding).toBe(true);
  });

  it('a child with a window of its own is its own app', () => {
    const apps = groupWindowsApps([w(10, 0, 'ide.exe', { hasAppWindow: true }), w(11, 10, 'preview.exe', { hasAppWindow: true })]);
    expect(apps.map(pidsOf)).toEqual([[10], [11]]);
  });

  it('isNotResponding without an app window (a stale hint) does not mark the app', () => {
    const apps = groupWindowsApps([w(10, 0, 'app.exe', { hasAppWindow: true }), w(11, 10, 'helper.exe', { isNotResponding: true })]);
    expect(appOf(apps, 11)?.isResponding).toBe(true);
  });
});

describe('groupWindowsApps: ugly cases', () => {
  it('a critical process with a window is still a system process', () => {
    const apps = groupWindowsApps([w(700, 0, 'csrss.exe', { isCritical: true, hasAppWindow: true })]);
    expect(apps[0]).toMatchObject({ category: 'system', isResponding: null });
  });

  it('nothing is folded into a system process: a child of a critical process starts its own app', () => {
    const apps = groupWindowsApps([w(900, 0, 'services.exe', { isCritical: true }), w(901, 900, 'services.exe')]);
    expect(apps.map(pidsOf)).toEqual([[900], [901]]);
    expect(appOf(apps, 901)?.category).toBe('background');
  });

  it('pid reuse: a windowed "parent" that started after its child is not its parent', () => {
    const apps = groupWindowsApps([
      w(10, 0, 'game.exe', { hasAppWindow: true, startTimeMs: T0 + 9_000 }),
      w(11, 10, 'orphan.exe', { startTimeMs: T0 + 5_000 }),
    ]);
    expect(appOf(apps, 11)).toMatchObject({ category: 'background' });
  });

  it('a parent loop terminates and keeps every process once', () => {
    const apps = groupWindowsApps([w(10, 11, 'a.exe', { startTimeMs: T0 }), w(11, 10, 'a.exe', { startTimeMs: T0 })]);
    expect(apps.flatMap(pidsOf).sort((a, b) => a - b)).toEqual([10, 11]);
  });

  it('executables compare without case, as Windows does', () => {
    const apps = groupWindowsApps([
      w(10, 0, 'tool.exe', { exePath: 'C:\\Tools\\TOOL.EXE' }),
      w(11, 10, 'tool.exe', { exePath: 'c:\\tools\\tool.exe' }),
    ]);
    expect(apps.map(pidsOf)).toEqual([[10, 11]]);
  });

  it('without a description the name is the image name', () => {
    expect(groupWindowsApps([w(10, 0, 'x.exe', { hasAppWindow: true })])[0]?.name).toBe('x.exe');
  });

  it('no processes, no apps', () => {
    expect(groupWindowsApps([])).toEqual([]);
  });
});
