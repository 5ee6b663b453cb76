import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Tests load the shell's modules without the Electron binary (DESIGN.md): only main.ts may import
 * Electron's values; every other module here takes Electron's APIs injected and imports types only.
 */
const here = import.meta.dirname;
const files = fs
  .readdirSync(here, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => path.join(here, file));

describe('Electron imports in src-main/app', () => {
  it('finds the modules', () => expect(files.length).toBeGreaterThan(10));
  it.each(files.map((file) => [path.relative(here, file), file]))('%s imports only types from electron (main.ts excepted)', (name, file) => {
    const source = fs.readFileSync(file, 'utf8');
    const valueImports = [...source.matchAll(/^import\s+(?!type\b)([^;]*?)\s+from\s+'electron(?:-updater)?'/gms)].map((m) => m[1] ?? '');
    const dynamic = /import\(\s*'electron'\s*\)/.test(source) || /require\(\s*'electron'\s*\)/.test(source);
    if (name === 'main.ts') return expect(valueImports.length).toBe(1);
    expect(valueImports).toEqual([]);
    expect(dynamic).toBe(false);
  });
});
