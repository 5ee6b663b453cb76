import { describe, expect, it } from 'vitest';
import { buildShellLink } from './shell-link-fixtures.ts';
import { parseShellLink } from './shell-link.ts';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s|\/\/[^\n]*/g, ''), 'hex'));

/** A whole shortcut written by hand from [MS-SHLLINK]: target C:\T\a.exe, arguments "-x". */
const HAND_WRITTEN = `
  4C000000                          // HeaderSize 0x4C
  01140200 00000000 C0000000 00000046 // LinkCLSID 00021401-0000-0000-C000-000000000046
  A2000000                          // LinkFlags: HasLinkInfo | HasArguments | IsUnicode
  20000000                          // FileAttributes: ARCHIVE
  0000000000000000 0000000000000000 0000000000000000 // Creation, Access, Write times
  00000000 00000000 01000000        // FileSize, IconIndex, ShowCommand SW_SHOWNORMAL
  0000 0000 00000000 00000000       // HotKey, Reserved1-3
  39000000                          // LinkInfoSize 0x39
  1C000000                          // LinkInfoHeaderSize 0x1C (no Unicode offsets)
  01000000                          // LinkInfoFlags: VolumeIDAndLocalBasePath
  1C000000 2D000000 00000000 38000000 // VolumeIDOffset, LocalBasePathOffset, NetworkOffset, CommonPathSuffixOffset
  11000000 03000000 00000000 10000000 00 // VolumeID: size 0x11, DRIVE_FIXED, serial, label offset, ""
  433A5C545C612E65786500             // LocalBasePath "C:\\T\\a.exe"
  00                                // CommonPathSuffix ""
  0200 2D007800                     // COMMAND_LINE_ARGUMENTS: 2 chars "-x"
  00000000                          // TerminalBlock
`;

describe('parseShellLink (a Startup folder shortcut, [MS-SHLLINK])', () => {
  it('reads a hand-written shortcut: LinkInfo’s path and the arguments', () => {
    expect(parseShellLink(hex(HAND_WRITTEN))).toEqual({
      linkInfoPath: 'C:\\T\\a.exe',
      environmentPath: null,
      relativePath: null,
      workingDir: null,
      arguments: '-x',
      name: null,
    });
  });

  it.each([
    {
      name: 'LocalBasePath + CommonPathSuffix, after an IDList it skips',
      fixture: { idListBytes: 40, localBasePath: 'C:\\Program Files\\', commonPathSuffix: 'Foo\\foo.exe', arguments: '--minimized' },
      expected: { linkInfoPath: 'C:\\Program Files\\Foo\\foo.exe', arguments: '--minimized' },
    },
    {
      name: 'a suffix joined with one backslash',
      fixture: { localBasePath: 'D:\\Tools', commonPathSuffix: 'x.exe' },
      expected: { linkInfoPath: 'D:\\Tools\\x.exe', arguments: null },
    },
    {
      name: 'the Unicode LinkInfo strings over the code-page ones',
      fixture: { localBasePath: 'C:\\Программы\\日本.exe', isUnicodeLinkInfo: true },
      expected: { linkInfoPath: 'C:\\Программы\\日本.exe' },
    },
    {
      name: 'a network share: NetName + suffix',
      fixture: { netName: '\\\\server\\share', commonPathSuffix: 'tools\\run.exe' },
      expected: { linkInfoPath: '\\\\server\\share\\tools\\run.exe' },
    },
    {
      name: 'every StringData field, in order',
      fixture: { localBasePath: 'C:\\a.exe', name: 'Comment', relativePath: '..\\a.exe', workingDir: 'C:\\', arguments: '/s', iconLocation: 'C:\\a.ico' },
      expected: { name: 'Comment', relativePath: '..\\a.exe', workingDir: 'C:\\', arguments: '/s' },
    },
    {
      name: 'code-page StringData (IsUnicode clear)',
      fixture: { isAnsi: true, localBasePath: 'C:\\a.exe', arguments: '-q', workingDir: 'C:\\w' },
      expected: { arguments: '-q', workingDir: 'C:\\w' },
    },
    {
      name: 'the EnvironmentVariableDataBlock’s target, unexpanded',
      fixture: { localBasePath: 'C:\\Program Files\\A\\a.exe', environmentPath: '%ProgramFiles%\\A\\a.exe', arguments: '-b' },
      expected: { linkInfoPath: 'C:\\Program Files\\A\\a.exe', environmentPath: '%ProgramFiles%\\A\\a.exe', arguments: '-b' },
    },
    {
      name: 'ForceNoLinkInfo: LinkInfo ignored, the relative path kept',
      fixture: { localBasePath: 'C:\\old\\a.exe', forceNoLinkInfo: true, relativePath: '.\\a.exe' },
      expected: { linkInfoPath: null, relativePath: '.\\a.exe' },
    },
    {
      name: 'only an IDList (a shell item, no path)',
      fixture: { idListBytes: 20 },
      expected: { linkInfoPath: null, environmentPath: null, relativePath: null },
    },
  ])('$name', ({ fixture, expected }) => {
    expect(parseShellLink(buildShellLink(fixture))).toMatchObject(expected);
  });

  it.each([
    { name: 'empty', bytes: new Uint8Array(0) },
    { name: 'another file', bytes: Uint8Array.from(Buffer.from('MZ this is an executable, not a shortcut at all.........................................')) },
    { name: 'the right size but another class', bytes: (() => {
      const b = Buffer.from(hex(HAND_WRITTEN));
      b[4] = 0x02;
      return b;
    })() },
    { name: 'cut inside LinkInfo', bytes: hex(HAND_WRITTEN).subarray(0, 100) },
    { name: 'cut inside the arguments', bytes: hex(HAND_WRITTEN).subarray(0, 76 + 0x39 + 3) },
  ])('is null for bytes that are not a whole shortcut: $name', ({ bytes }) => {
    expect(parseShellLink(bytes)).toBeNull();
  });

  it('answers no environment target when the ExtraData is cut short', () => {
    const whole = buildShellLink({ localBasePath: 'C:\\a.exe', environmentPath: '%X%\\a.exe' });
    expect(parseShellLink(whole.subarray(0, whole.length - 300))).toMatchObject({ linkInfoPath: 'C:\\a.exe', environmentPath: null });
  });
});
