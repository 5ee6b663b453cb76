import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The places in a module's text that load Electron: import/export from, require(), import(). */
function electronImports(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)(['"])electron(?:\/[^'"]*)?\1/g;
  return [...source.matchAll(pattern)].map((m) => m[0]);
}

const folder = path.dirname(fileURLToPath(import.meta.url));

describe('windows-integration runs without Electron', () => {
  it('the checker finds every form of import', () => {
    expect(electronImports("import { app } from 'electron';")).toHaveLength(1);
    expect(electronImports('import electron from "electron/main";')).toHaveLength(1);
    expect(electronImports("import 'electron';")).toHaveLength(1);
    expect(electronImports("const e = require('electron');")).toHaveLength(1);
    expect(electronImports("await import('electron')")).toHaveLength(1);
    expect(electronImports("export { shell } from 'electron';")).toHaveLength(1);
    expect(electronImports("import x from './electron-free.ts'; // electron")).toHaveLength(0);
  });

  it('no module of this folder imports electron', () => {
    const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((name) => name !== 'no-electron-import.test.ts' && electronImports(readFileSync(path.join(folder, name), 'utf8')).length > 0);
    expect(offenders).toEqual([]);
  });
});
