/**
 * What `npm ci` must leave in place on any OS, checked on the installed tree: the shipped Windows
 * binary of @vscode/windows-process-tree survives a Linux install (its install script is denied),
 * koffi brings prebuilt binaries for every target, and no platform-only package is a dependency.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
  engines: { node: string };
};

describe('installed tree', () => {
  it('keeps the shipped Windows binary of @vscode/windows-process-tree (a PE image), not a Linux rebuild', () => {
    const binary = path.join(root, 'node_modules/@vscode/windows-process-tree/build/Release/windows_process_tree.node');
    const head = fs.readFileSync(binary).subarray(0, 2).toString('latin1');
    expect(head).toBe('MZ');
    expect(pkg.allowScripts['@vscode/windows-process-tree']).toBe(false);
  });

  it('has koffi’s prebuilt binaries for Windows, Linux and macOS', () => {
    for (const target of ['win32_x64', 'linux_x64', 'darwin_arm64', 'darwin_x64']) {
      const dir = path.join(root, 'node_modules/koffi/build/koffi', target);
      expect(fs.readdirSync(dir).some((f) => f.endsWith('.node'))).toBe(true);
    }
  });

  it('pins every dependency exactly and depends on no platform-only package', () => {
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    for (const [name, version] of Object.entries(all)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(name).not.toMatch(/^node-(linux|win|darwin)-/);
    }
    expect(pkg.engines.node).toBe('>=24');
  });
});
