import { describe, expect, it } from 'vitest';
import { booleanOf, isSameContent, listOf, localeCandidates, localizedOf, messagesLocaleOf, parseDesktopFile, stringOf, withKeyRemoved, withKeySet } from './desktop-entry.ts';

const entry = (text: string) => parseDesktopFile(text).groups.get('Desktop Entry');

describe('parseDesktopFile', () => {
  it.each([
    ['a plain entry', '[Desktop Entry]\nName=Foo\nExec=foo\n', { Name: 'Foo', Exec: 'foo' }],
    ['blanks around = and at the ends are dropped', '[Desktop Entry]\n  Name =  Foo Bar  \n', { Name: 'Foo Bar' }],
    ['comments and blank lines are ignored', '# a comment\n\n[Desktop Entry]\n# Name=Not\nName=Foo\n\n', { Name: 'Foo' }],
    ['CRLF line endings', '[Desktop Entry]\r\nName=Foo\r\nExec=foo\r\n', { Name: 'Foo', Exec: 'foo' }],
    ['localized keys are kept under their own name', '[Desktop Entry]\nName=Foo\nName[de]=Fu\n', { Name: 'Foo', 'Name[de]': 'Fu' }],
    ['a key given twice: the last', '[Desktop Entry]\nHidden=false\nHidden=true\n', { Hidden: 'true' }],
    ['a value may hold =', '[Desktop Entry]\nExec=env A=b foo\n', { Exec: 'env A=b foo' }],
    ['values stay raw (escapes undone on reading)', '[Desktop Entry]\nName=a\\sb\n', { Name: 'a\\sb' }],
    ['a byte-order mark at the start', '\uFEFF[Desktop Entry]\nName=Foo\n', { Name: 'Foo' }],
    ['no newline at the end', '[Desktop Entry]\nName=Foo', { Name: 'Foo' }],
  ])('%s', (_, text, expected) => {
    expect(Object.fromEntries(entry(text) ?? [])).toEqual(expected);
  });

  it('keeps each group apart, and names the lines it cannot read', () => {
    const file = parseDesktopFile('Orphan=1\n[Desktop Entry]\nName=Foo\nnot a line\n[Desktop Action new]\nName=New window\n');
    expect(Object.fromEntries(file.groups.get('Desktop Action new') ?? [])).toEqual({ Name: 'New window' });
    expect(Object.fromEntries(file.groups.get('Desktop Entry') ?? [])).toEqual({ Name: 'Foo' });
    expect(file.problems).toEqual(['line 1: a key before any [group]', 'line 4: not a key, group or comment']);
  });
});

describe('value types', () => {
  it.each([
    ['a\\sb', 'a b'],
    ['line\\nnext', 'line\nnext'],
    ['tab\\there', 'tab\there'],
    ['cr\\r', 'cr\r'],
    ['back\\\\slash', 'back\\slash'],
    ['\\\\s is a backslash and s', '\\s is a backslash and s'],
    ['unknown \\q kept', 'unknown \\q kept'],
  ])('stringOf(%j) = %j', (raw, expected) => {
    expect(stringOf(raw)).toBe(expected);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['True', null],
    ['yes', null],
    [undefined, null],
  ])('booleanOf(%j) = %j', (raw, expected) => {
    expect(booleanOf(raw)).toBe(expected);
  });

  it.each([
    ['GNOME;KDE;', ['GNOME', 'KDE']],
    ['GNOME;KDE', ['GNOME', 'KDE']],
    ['a\\;b;c', ['a;b', 'c']],
    ['a\\sb;', ['a b']],
    ['', []],
    [undefined, []],
  ])('listOf(%j) = %j', (raw, expected) => {
    expect(listOf(raw)).toEqual(expected);
  });
});

describe('localized strings', () => {
  it.each([
    ['de_DE.UTF-8@euro', ['de_DE@euro', 'de_DE', 'de@euro', 'de']],
    ['sr_RS@latin', ['sr_RS@latin', 'sr_RS', 'sr@latin', 'sr']],
    ['fr_CA', ['fr_CA', 'fr']],
    ['pt', ['pt']],
    ['C', []],
    ['C.UTF-8', []],
    ['POSIX', []],
    [null, []],
  ])('localeCandidates(%j)', (locale, expected) => {
    expect(localeCandidates(locale)).toEqual(expected);
  });

  const group = entry('[Desktop Entry]\nName=Files\nName[de]=Dateien\nName[de_AT]=Dateien (AT)\nName[sr@latin]=Datoteke\n');
  it.each([
    ['de_AT.UTF-8', 'Dateien (AT)'],
    ['de_DE.UTF-8', 'Dateien'],
    ['sr_RS@latin', 'Datoteke'],
    ['fr_FR.UTF-8', 'Files'],
    [null, 'Files'],
  ])('Name for %j is %j', (locale, expected) => {
    expect(localizedOf(group, 'Name', locale)).toBe(expected);
  });

  it('the messages locale: LC_ALL, then LC_MESSAGES, then LANG (empty ones skipped)', () => {
    expect(messagesLocaleOf({ LC_ALL: '', LC_MESSAGES: 'de_DE.UTF-8', LANG: 'en_US.UTF-8' })).toBe('de_DE.UTF-8');
    expect(messagesLocaleOf({ LANG: 'en_US.UTF-8' })).toBe('en_US.UTF-8');
    expect(messagesLocaleOf({})).toBeNull();
  });
});

describe('changing one key, keeping every other line', () => {
  const original = '# Installed by foo\n[Desktop Entry]\nName=Foo\n# keep me\nExec=foo --tray\n\n[Desktop Action quit]\nName=Quit\n';

  it.each([
    [
      'adds the key after the group’s last key, before its blank line and the next group',
      original,
      '# Installed by foo\n[Desktop Entry]\nName=Foo\n# keep me\nExec=foo --tray\nHidden=true\n\n[Desktop Action quit]\nName=Quit\n',
    ],
    ['replaces the key where it is', '[Desktop Entry]\nHidden=false\nName=Foo\n', '[Desktop Entry]\nHidden=true\nName=Foo\n'],
    ['leaves a localized twin alone', '[Desktop Entry]\nHidden[de]=x\n', '[Desktop Entry]\nHidden[de]=x\nHidden=true\n'],
    ['leaves the same key of another group alone', '[Other]\nHidden=false\n[Desktop Entry]\nName=Foo\n', '[Other]\nHidden=false\n[Desktop Entry]\nName=Foo\nHidden=true\n'],
    ['keeps CRLF endings', '[Desktop Entry]\r\nName=Foo\r\n', '[Desktop Entry]\r\nName=Foo\r\nHidden=true\r\n'],
    ['ends a last line that had no newline', '[Desktop Entry]\nName=Foo', '[Desktop Entry]\nName=Foo\nHidden=true\n'],
    ['adds the group when it is missing', '# only a comment\n', '# only a comment\n\n[Desktop Entry]\nHidden=true\n'],
  ])('withKeySet %s', (_, text, expected) => {
    expect(withKeySet(text, 'Desktop Entry', 'Hidden', 'true')).toBe(expected);
  });

  it('withKeyRemoved takes out only that key’s lines', () => {
    const text = '[Desktop Entry]\nName=Foo\nHidden=true\n# Hidden=true in a comment\nHidden[de]=x\n[Other]\nHidden=true\n';
    expect(withKeyRemoved(text, 'Desktop Entry', 'Hidden')).toBe('[Desktop Entry]\nName=Foo\n# Hidden=true in a comment\nHidden[de]=x\n[Other]\nHidden=true\n');
  });

  it('setting then removing a key gives the file back byte for byte', () => {
    expect(withKeyRemoved(withKeySet(original, 'Desktop Entry', 'Hidden', 'true'), 'Desktop Entry', 'Hidden')).toBe(original);
  });

  it('isSameContent compares keys and values, not comments or order', () => {
    const a = parseDesktopFile('# one\n[Desktop Entry]\nName=Foo\nExec=foo\n');
    expect(isSameContent(a, parseDesktopFile('[Desktop Entry]\nExec=foo\n\nName=Foo\n'))).toBe(true);
    expect(isSameContent(a, parseDesktopFile('[Desktop Entry]\nExec=foo\nName=Foo\nHidden=false\n'))).toBe(false);
    expect(isSameContent(a, parseDesktopFile('[Desktop Entry]\nExec=bar\nName=Foo\n'))).toBe(false);
  });
});
