import { describe, expect, it, vi } from 'vitest';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import { dumpFileBaseName, isWindowsToolsOffered } from './process-commands.ts';
import { processMenuItems, type MenuChoice } from './process-menu.ts';

const editor = processRow({ pid: 4242, name: 'editor.exe', exePath: 'C:\\Apps\\editor.exe', state: 'running' });
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const WINDOWS_TOOLS = ['create-dump', 'open-file-location', 'open-properties'];

describe('processMenuItems', () => {
  it('on Windows: the usual items, then Create dump file, Open file location, Properties', () => {
    expect(ids(processMenuItems(editor, 'win32', () => undefined))).toEqual(['end-task', 'end-tree', 'suspend', 'resume', 'set-priority', 'set-affinity', ...WINDOWS_TOOLS]);
  });

  it('on Linux or macOS (the desktop app says so): no Windows-only item', () => {
    for (const platform of ['linux', 'darwin']) {
      const items = ids(processMenuItems(processRow({ name: 'explorer.exe' }), platform, () => undefined));
      expect(items).not.toEqual(expect.arrayContaining(['create-dump']));
      expect(items.some((id) => WINDOWS_TOOLS.includes(id) || id === 'restart-explorer')).toBe(false);
    }
  });

  it('in a browser view of the headless host (no desktop): none of the desktop-only tools', () => {
    const items = ids(processMenuItems(processRow({ name: 'explorer.exe' }), null, () => undefined));
    expect(items.some((id) => WINDOWS_TOOLS.includes(id) || id === 'restart-explorer')).toBe(false);
    expect(isWindowsToolsOffered(null)).toBe(false);
  });

  it('offers Restart Windows Explorer first, on explorer.exe only', () => {
    expect(ids(processMenuItems(processRow({ name: 'Explorer.EXE' }), 'win32', () => undefined))[0]).toBe('restart-explorer');
    expect(ids(processMenuItems(editor, 'win32', () => undefined))).not.toContain('restart-explorer');
  });

  it('disables Open file location and Properties for a process without a file, and Suspend/Resume by state', () => {
    const system = processMenuItems(processRow({ pid: 4, name: 'System', exePath: null, state: 'running' }), 'win32', () => undefined);
    expect(system.find((i) => i.id === 'open-file-location')?.isDisabled).toBe(true);
    expect(system.find((i) => i.id === 'open-properties')?.isDisabled).toBe(true);
    expect(system.find((i) => i.id === 'create-dump')?.isDisabled).toBe(false);
    expect(system.find((i) => i.id === 'suspend')?.isDisabled).toBe(false);
    expect(system.find((i) => i.id === 'resume')?.isDisabled).toBe(true);
    const stopped = processMenuItems(processRow({ state: 'stopped' }), 'win32', () => undefined);
    expect(stopped.find((i) => i.id === 'suspend')?.isDisabled).toBe(true);
    expect(stopped.find((i) => i.id === 'resume')?.isDisabled).toBe(false);
  });

  it('each item sends its own choice', () => {
    const act = vi.fn<(choice: MenuChoice) => void>();
    const items = processMenuItems(processRow({ name: 'explorer.exe', exePath: 'C:\\Windows\\explorer.exe' }), 'win32', act);
    for (const i of items) i.onSelect();
    expect(act.mock.calls.map(([choice]) => choice)).toEqual([
      'restartExplorer',
      'endTask',
      'endTree',
      'suspend',
      'resume',
      'priorityMenu',
      'affinity',
      'dump',
      'openFileLocation',
      'openProperties',
    ]);
  });
});

describe('dumpFileBaseName', () => {
  it.each([
    ['editor.exe', 'editor'],
    ['EDITOR.EXE', 'EDITOR'],
    ['Code - Insiders.exe', 'Code - Insiders'],
    ['a:b?.exe', 'a_b_'],
    ['Registry', 'Registry'],
    ['.exe', 'pid-7'],
  ])('%s → %s', (name, base) => {
    expect(dumpFileBaseName(processRow({ pid: 7, name }))).toBe(base);
  });
});
