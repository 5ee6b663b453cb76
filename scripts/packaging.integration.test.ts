/**
 * The packaged app, built here: `npm run build:app`, then `electron-builder --linux dir` with a
 * stand-in Electron (scripts/packaging-stand-in.ts; no Electron binary on this machine) and no
 * network (any connection attempt by electron-builder or a process it starts fails and is
 * reported). Then the result is read back: the files in app.asar, the unpacked native modules
 * (only this target's koffi binary), the fuse bytes of the packaged executable, and the mark a
 * signed release build gets in its package.json.
 *
 * It builds into the repository's dist/ (what electron-builder packs) and packages into a temp
 * folder. About 20 s here.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { extractFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSignedBuild } from '../src-main/app/updater.ts';
import { APP_BUNDLES } from './build-app.ts';
import { ELECTRON_DEFAULT_FUSES, listAsarFiles, readFuseWire, writeStandInElectronDist, type AsarEntry } from './packaging-stand-in.ts';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const BUILD_TIMEOUT_MS = 150_000;

interface Run {
  code: number | null;
  output: string;
}

function runNode(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * Preloaded into electron-builder and every Node process it starts (NODE_OPTIONS): a TCP or TLS
 * connection attempt is written to a log and refused. Pipes (`path`) stay allowed.
 */
const NETWORK_GUARD = `
import fs from 'node:fs';
import net from 'node:net';
const log = process.env.TASKMGR_NETWORK_LOG;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const isPipe = (typeof first === 'object' && first !== null && typeof first.path === 'string') ||
    (typeof first === 'string' && Number.isNaN(Number(first)));
  if (!isPipe) {
    const target = typeof first === 'object' && first !== null ? String(first.host ?? 'localhost') + ':' + String(first.port) : String(first);
    fs.appendFileSync(log, target + '\\n');
    throw new Error('packaging test: no network here, refused a connection to ' + target);
  }
  return connect.apply(this, args);
};
`;

let tempDir = '';
let appOutDir = '';
let asarPath = '';
let entries: AsarEntry[] = [];
let networkLog = '';
let builderOutput = '';

beforeAll(async () => {
  const startMs = performance.now();
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-packaging-'));
  const electronDist = path.join(tempDir, 'electron-dist');
  const outDir = path.join(tempDir, 'out');
  networkLog = path.join(tempDir, 'network-attempts.log');
  const guard = path.join(tempDir, 'network-guard.mjs');
  fs.writeFileSync(guard, NETWORK_GUARD);
  writeStandInElectronDist(electronDist);

  const build = await runNode(['scripts/build-app.ts'], process.env, BUILD_TIMEOUT_MS);
  if (build.code !== 0) throw new Error(`npm run build:app failed (${build.code}):\n${build.output}`);

  // Downloads would go to a closed port (anything not in Node: app-builder's Go binary honours the
  // proxy); Node's own connections hit the guard first. Signing is off: no certificate here.
  const closed = 'http://127.0.0.1:9';
  // builder-util prints nothing but errors when it sees VITEST in its environment.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_OPTIONS: `--import=${guard}`,
    TASKMGR_NETWORK_LOG: networkLog,
    HTTPS_PROXY: closed,
    HTTP_PROXY: closed,
    https_proxy: closed,
    http_proxy: closed,
    NO_PROXY: '',
    ELECTRON_MIRROR: `${closed}/`,
    ELECTRON_BUILDER_BINARIES_MIRROR: `${closed}/`,
    ELECTRON_BUILDER_CACHE: path.join(tempDir, 'cache'),
    ELECTRON_CACHE: path.join(tempDir, 'cache'),
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    CSC_LINK: '',
    CSC_KEY_PASSWORD: '',
  };
  const cli = path.join(root, 'node_modules/electron-builder/cli.js');
  const packaged = await runNode(
    [
      cli,
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${outDir}`,
      // What the release workflow passes for a signed build (see electron-builder.yml).
      '-c.extraMetadata.taskmgrBuild.isSigned=true',
    ],
    env,
    BUILD_TIMEOUT_MS,
  );
  builderOutput = packaged.output;
  const attempts = fs.existsSync(networkLog) ? fs.readFileSync(networkLog, 'utf8').trim() : '';
  if (attempts !== '') throw new Error(`electron-builder tried to reach the network (${attempts.split('\n').join(', ')}):\n${builderOutput}`);
  if (packaged.code !== 0) throw new Error(`electron-builder failed (${packaged.code}):\n${builderOutput}`);

  appOutDir = path.join(outDir, 'linux-unpacked');
  asarPath = path.join(appOutDir, 'resources/app.asar');
  entries = listAsarFiles(asarPath);
  const asarBytes = fs.statSync(asarPath).size;
  process.stderr.write(
    `packaging: ${((performance.now() - startMs) / 1000).toFixed(1)} s; app.asar ${entries.length} files, ` +
      `${(asarBytes / 1048576).toFixed(1)} MiB (${entries.filter((e) => e.isUnpacked).length} unpacked beside it)\n`,
  );
}, 2 * BUILD_TIMEOUT_MS + 10_000);

afterAll(() => {
  if (tempDir !== '') fs.rmSync(tempDir, { recursive: true, force: true });
});

const packedPaths = () => entries.filter((e) => !e.isUnpacked).map((e) => e.path);
/** The package a node_modules path belongs to (`@scope/name` or `name`), or null. */
const packageOf = (file: string) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? null;

describe('the packaged app (electron-builder --linux dir, stand-in Electron)', () => {
  it('has the three bundles, the renderer, the icon and package.json in app.asar', () => {
    const paths = packedPaths();
    for (const bundle of APP_BUNDLES) expect(paths).toContain(`${bundle.outDir}/${bundle.fileName}`);
    // The headless host's bundle is built into dist/ too, but is not part of the desktop app.
    expect(paths.filter((p) => p.startsWith('dist/host'))).toEqual([]);
    for (const file of ['dist/renderer/index.html', 'dist/icon.png', 'package.json']) expect(paths).toContain(file);
    expect(paths.some((p) => /^dist\/renderer\/assets\/.+\.js$/.test(p))).toBe(true);
  });

  it('has nothing of the repository but dist/ and package.json: no sources, tests, maps or configs', () => {
    const appFiles = entries.map((e) => e.path).filter((p) => !p.startsWith('node_modules/'));
    expect(appFiles.filter((p) => !p.startsWith('dist/') && p !== 'package.json')).toEqual([]);
    const all = entries.map((e) => e.path);
    expect(all.filter((p) => /\.(ts|tsx|mts|cts)$/.test(p))).toEqual([]);
    expect(all.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(all.filter((p) => /\.test\.[cm]?[jt]sx?$/.test(p) && !p.startsWith('node_modules/'))).toEqual([]);
    expect(all.filter((p) => /(^|\/)src-(main|preload|renderer|shared)\//.test(p))).toEqual([]);
  });

  it('ships the runtime dependencies in node_modules and none of the devDependencies', () => {
    const packages = new Set(entries.map((e) => packageOf(e.path)).filter((p): p is string => p !== null));
    for (const dep of Object.keys(pkg.dependencies)) expect(packages, dep).toContain(dep);
    for (const dep of Object.keys(pkg.devDependencies)) expect(packages, dep).not.toContain(dep);
    for (const tool of ['vite', 'vitest', 'electron', 'electron-builder', 'typescript', 'playwright-core']) expect(packages).not.toContain(tool);
  });

  it('has a package in the asar for every package main and the collector import at run time', () => {
    const packaged = new Set(entries.filter((e) => /^node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(e.path)).map((e) => packageOf(e.path)));
    const imported = new Set<string>();
    for (const bundle of APP_BUNDLES.filter((b) => b.name !== 'preload')) {
      const code = extractFile(asarPath, `${bundle.outDir}/${bundle.fileName}`).toString('utf8');
      const specifiers = [...code.matchAll(/(?:\bfrom\s*|\bimport\(\s*|\brequire\(\s*|\)\(\s*)["']([^"'./][^"']*)["']/g)].map((m) => m[1] ?? '');
      const packages = new Set(
        specifiers
          .filter((s) => !s.startsWith('node:') && !builtinModules.includes(s) && s !== 'electron' && !s.startsWith('electron/'))
          .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] ?? s))),
      );
      for (const name of packages) {
        expect(packaged, `${bundle.fileName} imports ${name}`).toContain(name);
        imported.add(name);
      }
    }
    // The scan sees imports at all (main loads electron-updater when updates are on).
    expect(imported).toContain('electron-updater');
  });

  it('unpacks koffi with only the linux_x64 binary, and windows-process-tree with its binary', () => {
    const unpackedDir = path.join(appOutDir, 'resources/app.asar.unpacked/node_modules');
    expect(fs.readdirSync(path.join(unpackedDir, 'koffi/build/koffi'))).toEqual(['linux_x64']);
    expect(fs.existsSync(path.join(unpackedDir, 'koffi/build/koffi/linux_x64/koffi.node'))).toBe(true);
    expect(fs.existsSync(path.join(unpackedDir, 'koffi/index.js'))).toBe(true);
    expect(fs.existsSync(path.join(unpackedDir, '@vscode/windows-process-tree/build/Release/windows_process_tree.node'))).toBe(true);
    // The archive lists them as unpacked, so Electron reads them from disk.
    const koffiEntries = entries.filter((e) => e.path.startsWith('node_modules/koffi/'));
    expect(koffiEntries.length).toBeGreaterThan(0);
    expect(koffiEntries.every((e) => e.isUnpacked)).toBe(true);
    expect(entries.filter((e) => e.path.endsWith('.node') && !e.isUnpacked)).toEqual([]);
    // No other target's binary, and none of koffi's C++ sources or windows-process-tree's build debris.
    expect(entries.filter((e) => /koffi\/build\/koffi\/(?!linux_x64\/)/.test(e.path))).toEqual([]);
    expect(entries.filter((e) => /koffi\/(src|vendor|lib|doc)\//.test(e.path))).toEqual([]);
    expect(entries.filter((e) => /windows-process-tree\/build\/(Release\/obj|node_modules)\//.test(e.path))).toEqual([]);
  });

  it('flipped the fuses of the packaged executable as electron-builder.yml says, and left the others alone', () => {
    const executable = path.join(appOutDir, 'taskmgr');
    expect(readFuseWire(fs.readFileSync(executable))).toEqual({
      ok: true,
      version: 1,
      fuses: {
        ...ELECTRON_DEFAULT_FUSES,
        runAsNode: 'off',
        enableNodeOptionsEnvironmentVariable: 'off',
        enableNodeCliInspectArguments: 'off',
        enableEmbeddedAsarIntegrityValidation: 'on',
        onlyLoadAppFromAsar: 'on',
        grantFileProtocolExtraPrivileges: 'off',
      },
      unknownFuseCount: 0,
    });
    expect(builderOutput).toContain('executing @electron/fuses');
  });

  it('renamed the executable and kept Electron’s licence beside it', () => {
    expect(fs.existsSync(path.join(appOutDir, 'electron'))).toBe(false);
    expect(fs.existsSync(path.join(appOutDir, 'LICENSE.electron.txt'))).toBe(true);
  });

  it('marks a signed build in the packaged package.json the way main reads it, and strips scripts', () => {
    const text = extractFile(asarPath, 'package.json').toString('utf8');
    const packaged = JSON.parse(text) as Record<string, unknown>;
    expect(packaged.taskmgrBuild).toEqual({ isSigned: true });
    expect(isSignedBuild(text)).toBe(true);
    expect(packaged.main).toBe('dist/main/main.js');
    expect(packaged.type).toBe('module');
    expect(packaged.scripts).toBeUndefined();
    expect(packaged.devDependencies).toBeUndefined();
  });

  it('never tried the network', () => {
    expect(fs.existsSync(networkLog) ? fs.readFileSync(networkLog, 'utf8') : '').toBe('');
  });
});
