import { describe, expect, it } from 'vitest';
import { parseVersionInfo, versionDescription } from './version-resource.ts';
import { buildVersionInfo, buildVersionNode } from './win32-fixtures.ts';

const notepad = {
  '040904B0': {
    CompanyName: 'Microsoft Corporation',
    FileDescription: 'Notepad',
    FileVersion: '10.0.22621.1 (WinBuild.160101.0800)',
    ProductName: 'Microsoft® Windows® Operating System',
  },
};

describe('parseVersionInfo', () => {
  it('reads the string tables (keys lower-cased) and the translations of a built VS_VERSIONINFO', () => {
    const info = parseVersionInfo(buildVersionInfo(notepad, [[0x0409, 1200]]));
    expect(info?.translations).toEqual(['040904b0']);
    expect(Object.fromEntries(info?.tables.get('040904b0') ?? [])).toEqual(notepad['040904B0']);
  });

  it('handles keys and values of every length (the 32-bit padding after odd and even keys)', () => {
    const strings = { A: 'x', AB: 'xy', ABC: '', ABCD: 'wxyz', FileDescription: 'Ünïcødé 名前 ✓' };
    const info = parseVersionInfo(buildVersionInfo({ '041104b0': strings }, [[0x0411, 1200]]));
    expect(Object.fromEntries(info?.tables.get('041104b0') ?? [])).toEqual(strings);
  });

  it('reads a String’s text to its NUL whatever wType and wValueLength claim', () => {
    const table = (declaredType: number, declaredValueLength: number) =>
      buildVersionNode({
        key: 'VS_VERSION_INFO',
        binary: new Uint8Array(52),
        children: [{ key: 'StringFileInfo', children: [{ key: '040904b0', children: [{ key: 'FileDescription', text: 'Notepad', declaredType, declaredValueLength }] }] }],
      });
    const description = (bytes: Uint8Array) => parseVersionInfo(bytes)?.tables.get('040904b0')?.get('FileDescription');
    expect(description(table(0, 8))).toBe('Notepad'); // binary type, length in WCHARs: read as 8 bytes it was 'Note'
    expect(description(table(1, 16))).toBe('Notepad'); // text type, length in bytes
    expect(description(table(1, 0))).toBe('Notepad'); // no length at all
  });

  it('is null for bytes that are not a version resource', () => {
    expect(parseVersionInfo(new Uint8Array(0))).toBeNull();
    expect(parseVersionInfo(buildVersionNode({ key: 'NOT_VERSION_INFO' }))).toBeNull();
    expect(parseVersionInfo(Uint8Array.from([0xff, 0xff, 0, 0, 0, 0]))).toBeNull();
  });

  it('survives a truncated buffer: what is whole is read, nothing past the end', () => {
    const bytes = buildVersionInfo(notepad, [[0x0409, 1200]]);
    const cut = parseVersionInfo(bytes.subarray(0, bytes.length - 40));
    expect(cut).toBeNull(); // the root node's length runs past the end
  });
});

describe('versionDescription', () => {
  it('FileDescription and CompanyName of the table Translation names', () => {
    expect(versionDescription(parseVersionInfo(buildVersionInfo(notepad, [[0x0409, 1200]])))).toEqual({
      description: 'Notepad',
      publisher: 'Microsoft Corporation',
    });
  });

  it('prefers the first translation that has a table', () => {
    const tables = { '040704b0': { FileDescription: 'Editor', CompanyName: 'Firma' }, '040904b0': { FileDescription: 'Editor (en)', CompanyName: 'Company' } };
    const info = parseVersionInfo(buildVersionInfo(tables, [[0x0c0a, 1200], [0x0407, 1200]]));
    expect(versionDescription(info)).toEqual({ description: 'Editor', publisher: 'Firma' });
  });

  it('falls back to US English, then to the first table, when Translation names none that exists', () => {
    const english = parseVersionInfo(buildVersionInfo({ '040c04b0': { FileDescription: 'Bloc-notes' }, '040904e4': { FileDescription: 'Notepad' } }, [[0x0410, 1252]]));
    expect(versionDescription(english).description).toBe('Notepad');
    const only = parseVersionInfo(buildVersionInfo({ '041104b0': { FileDescription: 'メモ帳' } }, []));
    expect(versionDescription(only).description).toBe('メモ帳');
  });

  it('blank or missing values, or no resource at all, are null', () => {
    const info = parseVersionInfo(buildVersionInfo({ '040904b0': { FileDescription: '   ', ProductName: 'x' } }, [[0x0409, 1200]]));
    expect(versionDescription(info)).toEqual({ description: null, publisher: null });
    expect(versionDescription(null)).toEqual({ description: null, publisher: null });
  });
});
