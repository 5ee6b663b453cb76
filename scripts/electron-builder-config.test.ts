/**
 * electron-builder.yml, loaded and schema-checked the way electron-builder 26 does it (its own
 * loader and JSON schema), then asserted setting by setting: identity, the Windows installer,
 * signing left to the environment, fuses, what the asar holds and unpacks, and that each
 * platform ships only its own koffi binary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { minimatch } from 'minimatch';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from '../src-main/app/app-identity.ts';

const root = path.resolve(import.meta.dirname, '..');
const ymlText = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { productName: string; dependencies: Record<string, string> };

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
});

/**
 * The globs of a `files`/`asarUnpack` setting: a string, an array of them, or (as electron-builder's
 * loader normalises `files`) file sets `{ filter }` without from/to.
 */
function patterns(value: unknown): string[] {
  if (value == null) return [];
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.flatMap((it) => {
    if (typeof it === 'string') return [it];
    if (typeof it === 'object' && it !== null && !('from' in it) && !('to' in it) && 'filter' in it) return patterns(it.filter);
    throw new Error(`expected globs, got ${JSON.stringify(it)}`);
  });
}

/** Whether electron-builder's node_modules filter keeps `file` given these `files` patterns (last match wins, dot files included). */
function isShipped(file: string, filePatterns: readonly string[]): boolean {
  let isKept = true;
  for (const pattern of filePatterns) {
    const isNegated = pattern.startsWith('!');
    if (isNegated && isKept && minimatch(file, pattern.slice(1), { dot: true })) isKept = false;
  }
  return isKept;
}

const KOFFI_TARGETS = fs.readdirSync(path.join(root, 'node_modules/koffi/build/koffi'));

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema, which does reject a misspelt setting', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...config, nsis: { ...config.nsis, oneclick: false } } as Configuration;
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/);
  });

  it('has appId org.taskmgr.app, the AppUserModelID main sets, and package.json’s productName', () => {
    expect(config.appId).toBe('org.taskmgr.app');
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    expect(config.productName).toBe(pkg.productName);
  });

  it('builds a per-machine NSIS installer for x64 with a choice of folder and the clean-up script', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true, include: 'assets/installer.nsh' });
    expect(fs.existsSync(path.join(root, 'assets/installer.nsh'))).toBe(true);
  });

  it('runs asInvoker under an executable name that is not taskmgr.exe (the IFEO value would catch it)', () => {
    expect(config.win?.requestedExecutionLevel).toBe('asInvoker');
    const exe = `${config.win?.executableName ?? config.productName ?? ''}.exe`.toLowerCase();
    expect(exe).not.toBe('taskmgr.exe');
    expect(exe).toBe('task manager.exe');
  });

  it('uses icons that exist in assets/', () => {
    for (const icon of [config.win?.icon, config.nsis?.installerIcon, config.nsis?.uninstallerIcon, config.linux?.icon, config.mac?.icon]) {
      expect(icon).toMatch(/^assets\//);
      expect(fs.existsSync(path.join(root, icon ?? ''))).toBe(true);
    }
  });

  it('leaves signing to the environment: no certificate, password or Azure account in the file', () => {
    expect(config.win?.azureSignOptions).toBeUndefined();
    expect(config.win?.signtoolOptions?.certificateFile).toBeUndefined();
    expect(config.win?.signtoolOptions?.certificatePassword).toBeUndefined();
    expect(config.cscLink).toBeUndefined();
    expect(config.cscKeyPassword).toBeUndefined();
    expect(ymlText).not.toMatch(/^\s*(cscLink|cscKeyPassword|certificatePassword|certificateFile)\s*:/m);
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
  });

  it('flips the fuses: no run-as-node, no NODE_OPTIONS, no inspect flags, asar integrity, app only from the asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  const PLATFORMS = [
    ['win', 'win32'],
    ['linux', 'linux'],
    ['mac', 'darwin'],
  ] as const;
  const platformFiles = (platform: (typeof PLATFORMS)[number][0]) => patterns(config[platform]?.files);

  it('packs an asar of dist/ and package.json only, with the native modules unpacked and nothing rebuilt', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    // Per platform only (see the yml): a top-level list would be merged with them.
    expect(patterns(config.files)).toEqual([]);
    for (const [platform] of PLATFORMS) {
      const files = platformFiles(platform);
      expect(files.filter((p) => !p.startsWith('!')), platform).toEqual(['dist/**', 'package.json']);
      expect(files, platform).toContain('!**/*.map');
      expect(files, platform).toContain('!**/*.{ts,tsx,mts,cts}');
      expect(files, platform).toContain('!dist/host{,/**}');
    }
    const unpack = patterns(config.asarUnpack);
    expect(unpack).toContain('**/node_modules/koffi/**');
    expect(unpack).toContain('**/node_modules/@vscode/windows-process-tree/**');
    for (const native of ['koffi', '@vscode/windows-process-tree']) expect(Object.keys(pkg.dependencies)).toContain(native);
  });

  it('has the same file list on every platform but for the koffi line', () => {
    const withoutKoffiTarget = (files: string[]) => files.filter((p) => !p.includes('koffi/build/koffi/!('));
    const [win, linux, mac] = PLATFORMS.map(([platform]) => platformFiles(platform));
    expect(withoutKoffiTarget(linux ?? [])).toEqual(withoutKoffiTarget(win ?? []));
    expect(withoutKoffiTarget(mac ?? [])).toEqual(withoutKoffiTarget(win ?? []));
    for (const files of [win, linux, mac]) expect((files ?? []).length - withoutKoffiTarget(files ?? []).length).toBe(1);
  });

  it.each(PLATFORMS)('%s ships only its own koffi binary, for each arch it builds, and none of koffi’s sources', (platform, koffiOs) => {
    const filePatterns = platformFiles(platform);
    for (const arch of ['x64', 'arm64']) {
      const expanded = filePatterns.map((p) => p.replaceAll('${arch}', arch));
      const shipped = KOFFI_TARGETS.filter((t) => isShipped(`node_modules/koffi/build/koffi/${t}/koffi.node`, expanded));
      expect(shipped).toEqual([`${koffiOs}_${arch}`]);
    }
    expect(isShipped('node_modules/koffi/index.js', filePatterns)).toBe(true);
    expect(isShipped('node_modules/koffi/package.json', filePatterns)).toBe(true);
    for (const source of ['src/koffi/src/ffi.cc', 'lib/native/base/base.hh', 'vendor/x/y.h', 'build/koffi/win32_x64/koffi.lib']) {
      expect(isShipped(`node_modules/koffi/${source}`, filePatterns.map((p) => p.replaceAll('${arch}', 'x64'))), source).toBe(false);
    }
  });

  it('keeps windows-process-tree’s binary and drops its build debris and the C++ headers it compiled against', () => {
    const files = platformFiles('win');
    const base = 'node_modules/@vscode/windows-process-tree';
    expect(isShipped(`${base}/build/Release/windows_process_tree.node`, files)).toBe(true);
    expect(isShipped(`${base}/lib/index.js`, files)).toBe(true);
    expect(isShipped(`${base}/package.json`, files)).toBe(true);
    for (const debris of ['build/Release/obj/windows_process_tree/x.tlog', 'build/Release/windows_process_tree.iobj', 'src/process.cc', 'build/node_modules/node-addon-api/napi.h']) {
      expect(isShipped(`${base}/${debris}`, files), debris).toBe(false);
    }
    expect(isShipped('node_modules/node-addon-api/napi.h', files)).toBe(false);
  });

  it('publishes to GitHub Releases for electron-updater, with clearly named placeholders for the repository', () => {
    expect(config.publish).toMatchObject({ provider: 'github', owner: 'REPLACE_WITH_GITHUB_OWNER', repo: 'REPLACE_WITH_GITHUB_REPO' });
  });

  it('builds AppImage and deb on Linux, and on macOS a dmg plus the zip electron-updater installs from (in the release workflow)', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.executableName).toBe('taskmgr');
    expect(config.mac?.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    // Fuses change the binary: an arm64 build nobody signs must be re-signed ad hoc or it won't start.
    expect(config.electronFuses?.resetAdHocDarwinSignature).toBe(true);
  });
});
