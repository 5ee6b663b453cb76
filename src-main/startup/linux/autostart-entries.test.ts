import { describe, expect, it } from 'vitest';
import { autostartFacts, autostartFolders, currentDesktopsOf, disableChange, enableChange, type AutostartContext, type AutostartFile, type AutostartPair } from './autostart-entries.ts';

const installed: Record<string, string> = { foo: '/usr/lib/foo/foo', tray: '/usr/bin/tray', '/opt/bar/bar': '/opt/bar/bar' };
const context = (over: Partial<AutostartContext> = {}): AutostartContext => ({ desktops: ['GNOME'], locale: null, resolve: (program) => installed[program] ?? null, ...over });
const system = (text: string, fileName = 'foo.desktop'): AutostartFile => ({ fileName, path: `/etc/xdg/autostart/${fileName}`, text });
const user = (text: string, fileName = 'foo.desktop'): AutostartFile => ({ fileName, path: `/home/u/.config/autostart/${fileName}`, text });
const FOO = '[Desktop Entry]\nType=Application\nName=Foo\nName[de]=Fu\nExec=foo --tray %U\n';

describe('autostartFacts', () => {
  it('a system file: its id, name, command and executable (resolved as /proc names it)', () => {
    expect(autostartFacts({ system: system(FOO), user: null }, context())).toEqual({
      id: 'autostartSystem:foo.desktop',
      name: 'Foo',
      publisher: null,
      command: 'foo --tray %U',
      exePath: '/usr/lib/foo/foo',
      location: 'autostartSystem',
      locationPath: '/etc/xdg/autostart/foo.desktop',
      status: 'enabled',
      statusDetail: null,
      changedAtMs: null,
      needsElevation: false,
    });
  });

  it('a user-only file is autostartUser; the name follows the locale', () => {
    const facts = autostartFacts({ system: null, user: user(FOO) }, context({ locale: 'de_DE.UTF-8' }));
    expect(facts).toMatchObject({ id: 'autostartUser:foo.desktop', location: 'autostartUser', locationPath: '/home/u/.config/autostart/foo.desktop', name: 'Fu' });
  });

  it('a user override is one entry under the system id, with the override’s status and command', () => {
    const facts = autostartFacts({ system: system(FOO), user: user(`${FOO}Hidden=true\n`) }, context());
    expect(facts).toMatchObject({ id: 'autostartSystem:foo.desktop', status: 'disabled', locationPath: '/etc/xdg/autostart/foo.desktop' });
    expect(facts.statusDetail).toBe("the user's copy applies: /home/u/.config/autostart/foo.desktop; Hidden=true");
  });

  it.each([
    ['Hidden=true', `${FOO}Hidden=true\n`, 'disabled', 'Hidden=true'],
    ['Hidden=false', `${FOO}Hidden=false\n`, 'enabled', null],
    ['X-GNOME-Autostart-enabled=false', `${FOO}X-GNOME-Autostart-enabled=false\n`, 'disabled', 'X-GNOME-Autostart-enabled=false'],
    ['X-GNOME-Autostart-enabled=true', `${FOO}X-GNOME-Autostart-enabled=true\n`, 'enabled', null],
    ['OnlyShowIn this desktop', `${FOO}OnlyShowIn=KDE;GNOME;\n`, 'enabled', null],
    ['OnlyShowIn another desktop', `${FOO}OnlyShowIn=KDE;\n`, 'disabled', 'not started in this desktop (OnlyShowIn=KDE; this desktop is GNOME)'],
    ['NotShowIn this desktop', `${FOO}NotShowIn=GNOME;\n`, 'disabled', 'not started in this desktop (NotShowIn=GNOME; this desktop is GNOME)'],
    ['NotShowIn another desktop', `${FOO}NotShowIn=KDE;\n`, 'enabled', null],
    ['TryExec installed', `${FOO}TryExec=tray\n`, 'enabled', null],
    ['TryExec missing', `${FOO}TryExec=/usr/bin/gone\n`, 'disabled', 'TryExec: /usr/bin/gone is not installed'],
    ['no Exec', '[Desktop Entry]\nName=Foo\n', 'disabled', 'it has no Exec line: nothing to start'],
    ['an Exec that cannot be read', '[Desktop Entry]\nName=Foo\nExec="foo\n', 'disabled', 'its Exec line cannot be read: a quote is not closed'],
    ['no [Desktop Entry] group', '[Something]\nName=Foo\n', 'disabled', 'it is not a desktop entry (no [Desktop Entry] group)'],
    ['its program is not installed', '[Desktop Entry]\nName=Foo\nExec=gone\n', 'enabled', 'its program gone was not found'],
    ['two reasons', `${FOO}Hidden=true\nOnlyShowIn=KDE;\n`, 'disabled', 'Hidden=true; not started in this desktop (OnlyShowIn=KDE; this desktop is GNOME)'],
  ])('%s', (_, text, status, statusDetail) => {
    expect(autostartFacts({ system: system(text), user: null }, context())).toMatchObject({ status, statusDetail });
  });

  it('a desktop in a list (ubuntu:GNOME) matches; no desktop known makes OnlyShowIn/NotShowIn unknown', () => {
    const pair = { system: system(`${FOO}OnlyShowIn=GNOME;\n`), user: null };
    expect(autostartFacts(pair, context({ desktops: ['ubuntu', 'GNOME'] })).status).toBe('enabled');
    expect(autostartFacts(pair, context({ desktops: null }))).toMatchObject({
      status: 'unknown',
      statusDetail: 'OnlyShowIn=GNOME, and this desktop is not known (XDG_CURRENT_DESKTOP is not set)',
    });
    expect(autostartFacts({ system: system(FOO), user: null }, context({ desktops: null })).status).toBe('enabled');
  });

  it('a file without Name is named by its file; env VAR=… is looked through to the program', () => {
    const facts = autostartFacts({ system: null, user: user('[Desktop Entry]\nExec=env GDK_BACKEND=x11 /opt/bar/bar\n', 'bar.desktop') }, context());
    expect(facts).toMatchObject({ name: 'bar', exePath: '/opt/bar/bar', command: 'env GDK_BACKEND=x11 /opt/bar/bar' });
  });
});

describe('what disabling and enabling write', () => {
  const ctx = context();
  const expectChange = (pair: AutostartPair, enabled: boolean) => (enabled ? enableChange(pair, ctx) : disableChange(pair, ctx));

  it.each<[string, AutostartPair, boolean, ReturnType<typeof enableChange>]>([
    ['disable a system entry: a user copy with Hidden=true', { system: system(FOO), user: null }, false, { kind: 'write', text: `${FOO}Hidden=true\n` }],
    [
      'disable the user’s own file: edited in place, comments kept',
      { system: null, user: user(`# mine\n${FOO}`) },
      false,
      { kind: 'write', text: `# mine\n${FOO}Hidden=true\n` },
    ],
    ['disable what is already off: nothing', { system: system(FOO), user: user(`${FOO}X-GNOME-Autostart-enabled=false\n`) }, false, { kind: 'none' }],
    ['enable an override that only hid the system file: delete it', { system: system(FOO), user: user(`${FOO}Hidden=true\n`) }, true, { kind: 'delete' }],
    [
      'enable an override that changed more: keep it, switched on',
      { system: system(FOO), user: user(`${FOO.replace('--tray', '--quiet')}Hidden=true\nX-GNOME-Autostart-enabled=false\n`) },
      true,
      { kind: 'write', text: `${FOO.replace('--tray', '--quiet')}X-GNOME-Autostart-enabled=true\n` },
    ],
    [
      'enable a system file switched off by its own keys: a user copy switched on',
      { system: system(`${FOO}X-GNOME-Autostart-enabled=false\n`), user: null },
      true,
      { kind: 'write', text: `${FOO}X-GNOME-Autostart-enabled=true\n` },
    ],
    ['enable a user-only file', { system: null, user: user(`${FOO}Hidden=true\n`) }, true, { kind: 'write', text: FOO }],
    ['enable what is on: nothing', { system: system(FOO), user: null }, true, { kind: 'none' }],
    [
      'enable what this desktop does not start: refused',
      { system: system(`${FOO}OnlyShowIn=KDE;\n`), user: user(`${FOO}OnlyShowIn=KDE;\nHidden=true\n`) },
      true,
      { kind: 'refuse', reason: 'turning it on would not start it: not started in this desktop (OnlyShowIn=KDE; this desktop is GNOME)' },
    ],
  ])('%s', (_, pair, enabled, expected) => {
    expect(expectChange(pair, enabled)).toEqual(expected);
  });
});

describe('autostartFolders', () => {
  it.each([
    ['the defaults', {}, { user: '/home/u/.config/autostart', system: ['/etc/xdg/autostart'] }],
    ['XDG_CONFIG_HOME and XDG_CONFIG_DIRS, in order', { XDG_CONFIG_HOME: '/cfg/', XDG_CONFIG_DIRS: '/etc/xdg/xdg-ubuntu:/etc/xdg' }, { user: '/cfg/autostart', system: ['/etc/xdg/xdg-ubuntu/autostart', '/etc/xdg/autostart'] }],
    ['relative paths are ignored (base directory spec)', { XDG_CONFIG_HOME: 'cfg', XDG_CONFIG_DIRS: 'rel:' }, { user: '/home/u/.config/autostart', system: ['/etc/xdg/autostart'] }],
  ])('%s', (_, env, expected) => {
    expect(autostartFolders(env, '/home/u')).toEqual(expected);
  });

  it('XDG_CURRENT_DESKTOP is a colon-separated list; unset or empty is unknown', () => {
    expect(currentDesktopsOf({ XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toEqual(['ubuntu', 'GNOME']);
    expect(currentDesktopsOf({ XDG_CURRENT_DESKTOP: '' })).toBeNull();
    expect(currentDesktopsOf({})).toBeNull();
  });
});
