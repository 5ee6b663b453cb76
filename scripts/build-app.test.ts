import fs from 'node:fs';
import path from 'node:path';
/**
 * What build-app leaves out of each bundle, and what a sandboxed preload may require.
 * (The bundles themselves are built and packed by scripts/packaging.integration.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_DEPENDENCIES, BUNDLES, checkPreloadRequires, isExternal } from './build-app.ts';

const deps = ['koffi', 'systeminformation', '@vscode/windows-process-tree', 'electron-updater', 'zod', 'react'];

describe('isExternal', () => {
  it.each([
    ['main', 'electron', true],
    ['main', 'electron/main', true],
    ['main', 'node:fs', true],
    ['main', 'fs', true],
    ['main', 'fs/promises', true],
    ['main', 'koffi', true],
    ['main', '@vscode/windows-process-tree', true],
    ['main', 'electron-updater', true],
    ['main', 'systeminformation/lib/util', true],
    ['main', 'zod', false],
    ['main', 'zod/v4/core', false],
    ['main', 'electronic', false],
    ['main', 'koffi-extra', false],
    ['main', './local.ts', false],
    ['collector', 'koffi', true],
    ['collector', 'systeminformation', true],
    ['collector', 'zod', false],
    ['inventory', 'systeminformation', true],
    ['inventory', 'zod', false],
    ['preload', 'electron', true],
    ['preload', 'zod', false],
    ['preload', 'node:fs', false],
    ['preload', 'koffi', false],
  ] as const)('%s: %s → %s', (bundle, id, expected) => {
    expect(isExternal(bundle, id, deps)).toBe(expected);
  });

  it('bundles only pure-JS packages that are runtime dependencies', () => {
    for (const dep of BUNDLED_DEPENDENCIES) expect(deps).toContain(dep);
    expect(BUNDLED_DEPENDENCIES).not.toContain('koffi');
    expect(BUNDLED_DEPENDENCIES).not.toContain('@vscode/windows-process-tree');
  });
});

describe('checkPreloadRequires', () => {
  it('accepts a bundle that requires electron alone', () => {
    expect(checkPreloadRequires('let electron = require("electron");\nelectron.contextBridge.exposeInMainWorld("x", {});')).toEqual([]);
  });

  it('names every other module, once, and flags a computed require', () => {
    const code = `const a = require('node:fs'); const b = require("zod"); const c = require('node:fs'); require(name);`;
    expect(checkPreloadRequires(code)).toEqual(['node:fs', 'zod', '<dynamic require>']);
  });

  it('does not mistake a name ending in "require" for a call', () => {
    expect(checkPreloadRequires('const x = __require; function myrequire(a) {} myrequire("fs");')).toEqual([]);
  });
});

describe('BUNDLES', () => {
  it('puts each entry where package.json main, the main process and scripts/serve.js look for it', () => {
    expect(BUNDLES.map((b) => `${b.outDir}/${b.fileName}`)).toEqual([
      'dist/main/main.js',
      'dist/preload/preload.cjs',
      'dist/collector/collector-process.js',
      'dist/inventory/inventory-child.js',
      'dist/history/history-worker.js',
      'dist/host/serve.js',
    ]);
    const launcher = fs.readFileSync(path.join(import.meta.dirname, 'serve.js'), 'utf8');
    expect(launcher).toContain("'dist/host/serve.js', 'dist/collector/collector-process.js', 'dist/inventory/inventory-child.js', 'dist/history/history-worker.js'");
    expect(BUNDLES.find((b) => b.name === 'preload')?.format).toBe('cjs');
    expect(BUNDLES.filter((b) => b.name !== 'preload').every((b) => b.format === 'es' && b.target === 'node24')).toBe(true);
  });
});
