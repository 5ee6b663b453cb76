import { describe, expect, it } from 'vitest';
import { autostartFilePath, buildAutostartEntry, desktopEntryValue, desktopExecArg, isAutostartEntryEnabled } from './xdg-autostart.ts';

describe('autostartFilePath', () => {
  it.each([
    ['/home/alice', undefined, '/home/alice/.config/autostart/org.taskmgr.app.desktop'],
    ['/home/alice', '/xdg/config', '/xdg/config/autostart/org.taskmgr.app.desktop'],
    // A relative XDG_CONFIG_HOME is invalid per the spec and ignored.
    ['/home/alice', 'relative/config', '/home/alice/.config/autostart/org.taskmgr.app.desktop'],
    ['/home/alice', '', '/home/alice/.config/autostart/org.taskmgr.app.desktop'],
  ])('home %j, XDG_CONFIG_HOME %j', (home, xdg, expected) => {
    expect(autostartFilePath('org.taskmgr.app', home, xdg)).toBe(expected);
  });

  it('an app id cannot climb out of the folder', () => {
    expect(autostartFilePath('../../evil', '/home/a', undefined)).toBe('/home/a/.config/autostart/.._.._evil.desktop');
  });
});

describe('desktopExecArg (Desktop Entry spec quoting)', () => {
  it.each([
    ['/usr/bin/taskmgr', '/usr/bin/taskmgr'],
    ['/opt/Task Manager/taskmgr', '"/opt/Task Manager/taskmgr"'],
    ['/opt/a$b', '"/opt/a\\$b"'],
    ['/opt/say "hi"', '"/opt/say \\"hi\\""'],
    ['/opt/back\\slash', '"/opt/back\\\\slash"'],
    ['/opt/tick`x`', '"/opt/tick\\`x\\`"'],
    ['/opt/100%', '/opt/100%%'],
    ['', '""'],
  ])('%j → %j', (arg, quoted) => {
    expect(desktopExecArg(arg)).toBe(quoted);
  });

  it('the string escape comes on top: a literal backslash is four in the file', () => {
    expect(desktopEntryValue(desktopExecArg('/opt/back\\slash'))).toBe('"/opt/back\\\\\\\\slash"');
  });
});

describe('buildAutostartEntry', () => {
  it('a minimal entry that starts the exe', () => {
    const text = buildAutostartEntry({ name: 'Task Manager', exePath: '/opt/Task Manager/taskmgr' });
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=Task Manager',
      "Comment=Starts Task Manager at login (turn it off in Task Manager's settings)",
      'Exec="/opt/Task Manager/taskmgr"',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
    expect(isAutostartEntryEnabled(text)).toBe(true);
  });

  it('a name with a newline cannot add keys', () => {
    const text = buildAutostartEntry({ name: 'A\nExec=/bin/evil', exePath: '/x' });
    expect(text).not.toMatch(/^Exec=\/bin\/evil/m);
  });
});

describe('isAutostartEntryEnabled', () => {
  it.each([
    ['[Desktop Entry]\nExec=x\n', true],
    ['[Desktop Entry]\nExec=x\nHidden=true\n', false],
    ['[Desktop Entry]\nExec=x\nX-GNOME-Autostart-enabled=false\n', false],
    ['garbage', false],
  ])('%j → %s', (text, expected) => {
    expect(isAutostartEntryEnabled(text)).toBe(expected);
  });
});
