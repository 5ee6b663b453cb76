/**
 * `npm run build:app`: everything the Electron app loads, into dist/ (what electron-builder packs).
 *
 *   dist/renderer/                       the page (vite.config.ts, as `npm run build:renderer`)
 *   dist/main/main.js                    Electron main, ESM, target node24
 *   dist/preload/preload.cjs             the preload, CommonJS, one self-contained file, target chrome140
 *   dist/collector/collector-process.js  the collector's utilityProcess entry, ESM, target node24
 *   dist/inventory/inventory-child.js    the inventory read (systeminformation), run by both hosts
 *   dist/history/history-worker.js       the history store's writer thread, run by both hosts
 *   dist/icon.png                        the window's icon where the OS doesn't take it from the
 *                                        executable (Linux), copied from assets/
 *
 * Vite 8's `build()` (rolldown underneath) in SSR mode for the three Node-side bundles: SSR mode
 * resolves with Node's conditions and leaves Node builtins alone, which library mode (a browser
 * build) does not. No source maps (nothing under dist/ may point back at sources) and no
 * minification, so that a stack trace from a user's machine stays readable without them.
 *
 * What stays out of the bundles (`isExternal`): `electron`, Node builtins, and the runtime
 * dependencies of package.json, which electron-builder ships in the asar's node_modules — koffi and
 * @vscode/windows-process-tree must stay files on disk (native .node binaries, asar-unpacked),
 * systeminformation and electron-updater load files of their own at run time. Bundled anyway:
 * `BUNDLED_DEPENDENCIES` (pure JS, ESM; one file instead of dozens of reads from the asar at start).
 * The preload bundles everything but `electron`: a sandboxed preload's `require` knows only
 * `electron` and a few polyfilled builtins, so `checkPreloadRequires` fails the build otherwise.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build, type InlineConfig, type Rolldown } from 'vite';

export type BundleName = 'main' | 'preload' | 'collector' | 'inventory' | 'history' | 'host';

export interface BundleSpec {
  readonly name: BundleName;
  /** Entry, relative to the repository root. */
  readonly entry: string;
  /** Output folder, relative to the repository root; emptied before each build. */
  readonly outDir: string;
  readonly fileName: string;
  readonly format: 'es' | 'cjs';
  readonly target: string;
}

export const BUNDLES: readonly BundleSpec[] = [
  { name: 'main', entry: 'src-main/app/main.ts', outDir: 'dist/main', fileName: 'main.js', format: 'es', target: 'node24' },
  {
    name: 'preload',
    entry: 'src-preload/preload.ts',
    outDir: 'dist/preload',
    fileName: 'preload.cjs',
    format: 'cjs',
    target: 'chrome140',
  },
  {
    name: 'collector',
    entry: 'src-main/collector/collector-process.ts',
    outDir: 'dist/collector',
    fileName: 'collector-process.js',
    format: 'es',
    target: 'node24',
  },
  // The machine's facts, read in a process of their own off the tick (src-main/inventory/): the
  // inventory reader looks for it in ../inventory from the main and host bundles.
  {
    name: 'inventory',
    entry: 'src-main/inventory/inventory-child.ts',
    outDir: 'dist/inventory',
    fileName: 'inventory-child.js',
    format: 'es',
    target: 'node24',
  },
  // The history store's writer thread (src-main/history/): both hosts look for it in ../history.
  {
    name: 'history',
    entry: 'src-main/history/history-worker.ts',
    outDir: 'dist/history',
    fileName: 'history-worker.js',
    format: 'es',
    target: 'node24',
  },
  // The headless host as `npm run serve` runs it: plain JavaScript, so neither it nor its collector
  // (dist/collector, the same bundle the app uses) pays for Node's type stripping at run time.
  { name: 'host', entry: 'src-main/host/serve.ts', outDir: 'dist/host', fileName: 'serve.js', format: 'es', target: 'node24' },
];

/** The bundles the desktop app ships (electron-builder.yml leaves the headless host's out). */
export const APP_BUNDLES: readonly BundleSpec[] = BUNDLES.filter((b) => b.name !== 'host');

/** Runtime dependencies bundled into main and the collector rather than loaded from node_modules. */
export const BUNDLED_DEPENDENCIES: readonly string[] = ['zod'];

/** What a sandboxed preload may `require` (Electron's sandbox polyfills; we use only `electron`). */
export const PRELOAD_ALLOWED_REQUIRES: readonly string[] = ['electron'];

const builtins = new Set(builtinModules);

function isPackageOrSubpath(id: string, name: string): boolean {
  return id === name || id.startsWith(`${name}/`);
}

/** Whether a bare import stays an import in `bundle`'s output (see the file comment). */
export function isExternal(bundle: BundleName, id: string, dependencies: readonly string[]): boolean {
  if (isPackageOrSubpath(id, 'electron')) return true;
  if (bundle === 'preload') return false;
  if (id.startsWith('node:') || builtins.has(id)) return true;
  return dependencies.some((dep) => !BUNDLED_DEPENDENCIES.includes(dep) && isPackageOrSubpath(id, dep));
}

/** The modules a CommonJS bundle requires that a sandboxed preload can't: empty when it is fine. */
export function checkPreloadRequires(code: string): string[] {
  const required = [...code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((m) => m[2] ?? '');
  const dynamic = /\brequire\(\s*[^"'`\s)]/.test(code) ? ['<dynamic require>'] : [];
  return [...new Set([...required.filter((id) => !PRELOAD_ALLOWED_REQUIRES.includes(id)), ...dynamic])];
}

function readDependencies(root: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(pkg.dependencies ?? {});
}

export interface BuildAppOptions {
  /** Repository root (package.json, vite.config.ts). */
  readonly root: string;
  readonly logLevel?: 'info' | 'warn' | 'error' | 'silent';
}

export interface BuiltFile {
  /** Relative to the root, with forward slashes. */
  readonly file: string;
  readonly bytes: number;
}

function outputChunks(result: Awaited<ReturnType<typeof build>>): Rolldown.OutputChunk[] {
  const outputs = Array.isArray(result) ? result : [result];
  return outputs.flatMap((out) => ('output' in out ? out.output.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk') : []));
}

function bundleConfig(root: string, spec: BundleSpec, entry: string, dependencies: readonly string[], logLevel: BuildAppOptions['logLevel']): InlineConfig {
  return {
    configFile: false,
    root,
    mode: 'production',
    logLevel: logLevel ?? 'warn',
    publicDir: false,
    // Vite's .env files are no input of the app.
    envDir: false,
    ssr: { target: 'node', noExternal: true },
    build: {
      ssr: entry,
      outDir: path.join(root, spec.outDir),
      emptyOutDir: true,
      target: spec.target,
      sourcemap: false,
      minify: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        external: (id) => isExternal(spec.name, id, dependencies),
        output: { format: spec.format, entryFileNames: spec.fileName, codeSplitting: false },
      },
    },
  };
}

/** Builds the renderer and the three bundles, copies the icon; returns the files written. */
export async function buildApp(options: BuildAppOptions): Promise<BuiltFile[]> {
  const { root } = options;
  const dependencies = readDependencies(root);
  const written: BuiltFile[] = [];
  const record = (absolute: string) => {
    written.push({ file: path.relative(root, absolute).split(path.sep).join('/'), bytes: fs.statSync(absolute).size });
  };

  await build({
    configFile: path.join(root, 'vite.config.ts'),
    root: path.join(root, 'src-renderer'),
    logLevel: options.logLevel ?? 'warn',
    build: { sourcemap: false, reportCompressedSize: false },
  });
  const rendererDir = path.join(root, 'dist/renderer');
  for (const entry of fs.readdirSync(rendererDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) record(path.join(entry.parentPath, entry.name));
  }

  for (const spec of BUNDLES) {
    const entry = path.join(root, spec.entry);
    if (!fs.existsSync(entry)) throw new Error(`build-app: the ${spec.name} entry ${entry} does not exist`);
    const chunks = outputChunks(await build(bundleConfig(root, spec, entry, dependencies, options.logLevel)));
    if (chunks.length !== 1 || chunks[0]?.fileName !== spec.fileName) {
      throw new Error(`build-app: ${spec.name} must be one file ${spec.fileName}, got ${chunks.map((c) => c.fileName).join(', ')}`);
    }
    const outFile = path.join(root, spec.outDir, spec.fileName);
    if (spec.name === 'preload') {
      const refused = checkPreloadRequires(fs.readFileSync(outFile, 'utf8'));
      if (refused.length > 0) {
        throw new Error(`build-app: a sandboxed preload can't require ${refused.join(', ')}; bundle it or drop it`);
      }
    }
    record(outFile);
  }

  const icon = path.join(root, 'dist/icon.png');
  fs.copyFileSync(path.join(root, 'assets/icon.png'), icon);
  record(icon);
  return written;
}

if (import.meta.main) {
  const root = path.resolve(import.meta.dirname, '..');
  const startMs = performance.now();
  try {
    const files = await buildApp({ root, logLevel: 'warn' });
    const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0);
    for (const f of files.filter((f) => !f.file.startsWith('dist/renderer/'))) {
      process.stderr.write(`${f.file}  ${(f.bytes / 1024).toFixed(1)} KiB\n`);
    }
    process.stderr.write(
      `build:app: ${files.length} files, ${(totalBytes / 1024).toFixed(1)} KiB in ${((performance.now() - startMs) / 1000).toFixed(1)} s\n`,
    );
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
