/**
 * What the packaging test needs to run electron-builder without the Electron binary: a stand-in
 * `electronDist` folder laid out like Electron's Linux zip, whose `electron` file carries the fuse
 * wire, and readers for what comes out (the wire, the asar's entries).
 *
 * The fuse wire, as @electron/fuses 1.8 reads and writes it: the 32-byte ASCII sentinel, then one
 * byte wire version (1), one byte fuse count, then one byte a fuse, '0' (0x30) off, '1' (0x31) on,
 * 'r' (0x72) removed, in FuseV1Options order.
 *
 * What electron-builder 26's Linux `dir` target takes from a custom unpacked distribution
 * (app-builder-lib ElectronFramework.js / platformPackager.js): the whole folder is copied to
 * linux-unpacked/; `electron` is renamed to the executableName (it must exist) and its fuses are
 * flipped; `LICENSE` becomes LICENSE.electron.txt (tolerated missing); `locales/` is read only when
 * electronLanguages is set; `resources/` receives app.asar. Nothing is cleaned up (default_app.asar
 * and `version` are removed only from a downloaded zip), so the stand-in ships neither.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getRawHeader } from '@electron/asar';

/** @electron/fuses' SENTINEL (dist/constants.js). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_WIRE_VERSION = 1;

/** FuseV1Options order (@electron/fuses dist/config.js). */
export const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
export type FuseName = (typeof FUSE_NAMES)[number];
export type FuseState = 'on' | 'off' | 'removed';

/** Electron's own defaults (a binary nobody has flipped): what the stand-in starts from. */
export const ELECTRON_DEFAULT_FUSES: Readonly<Record<FuseName, FuseState>> = {
  runAsNode: 'on',
  enableCookieEncryption: 'off',
  enableNodeOptionsEnvironmentVariable: 'on',
  enableNodeCliInspectArguments: 'on',
  enableEmbeddedAsarIntegrityValidation: 'off',
  onlyLoadAppFromAsar: 'off',
  loadBrowserProcessSpecificV8Snapshot: 'off',
  grantFileProtocolExtraPrivileges: 'on',
};

const STATE_BYTE: Record<FuseState, number> = { off: 0x30, on: 0x31, removed: 0x72 };

/** The sentinel and the wire for `fuses`, as they sit inside an Electron executable. */
export function encodeFuseWire(fuses: Readonly<Record<FuseName, FuseState>>): Buffer {
  return Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([FUSE_WIRE_VERSION, FUSE_NAMES.length, ...FUSE_NAMES.map((name) => STATE_BYTE[fuses[name]])]),
  ]);
}

export type FuseWireRead =
  | { ok: true; version: number; fuses: Partial<Record<FuseName, FuseState>>; unknownFuseCount: number }
  | { ok: false; message: string };

/** The wire after the first sentinel of an executable's bytes. */
export function readFuseWire(executable: Buffer): FuseWireRead {
  const at = executable.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at === -1) return { ok: false, message: 'no fuse sentinel' };
  const wire = at + FUSE_SENTINEL.length;
  const version = executable[wire];
  const count = executable[wire + 1];
  if (version === undefined || count === undefined || wire + 2 + count > executable.length) {
    return { ok: false, message: 'the fuse wire runs past the end of the file' };
  }
  const fuses: Partial<Record<FuseName, FuseState>> = {};
  for (let i = 0; i < Math.min(count, FUSE_NAMES.length); i += 1) {
    const byte = executable[wire + 2 + i];
    const state = (Object.keys(STATE_BYTE) as FuseState[]).find((s) => STATE_BYTE[s] === byte);
    const name = FUSE_NAMES[i];
    if (state === undefined || name === undefined) return { ok: false, message: `fuse ${i}: unknown state byte ${String(byte)}` };
    fuses[name] = state;
  }
  return { ok: true, version, fuses, unknownFuseCount: Math.max(0, count - FUSE_NAMES.length) };
}

/** Writes a stand-in for Electron's Linux x64 zip, unpacked, into `dir`. */
export function writeStandInElectronDist(dir: string): void {
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const executable = Buffer.concat([
    Buffer.from('stand-in for the Electron executable (scripts/packaging-stand-in.ts); it never runs\n', 'latin1'),
    Buffer.alloc(256),
    encodeFuseWire(ELECTRON_DEFAULT_FUSES),
    Buffer.alloc(256),
  ]);
  fs.writeFileSync(path.join(dir, 'electron'), executable, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'chrome-sandbox'), 'stand-in\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'chrome_crashpad_handler'), 'stand-in\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'Copyright (c) Electron contributors (stand-in)\n');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n');
  for (const file of ['resources.pak', 'chrome_100_percent.pak', 'icudtl.dat', 'v8_context_snapshot.bin', 'locales/en-US.pak']) {
    fs.writeFileSync(path.join(dir, file), '');
  }
}

export interface AsarEntry {
  /** Path inside the archive, forward slashes, no leading slash. */
  readonly path: string;
  readonly sizeBytes: number;
  readonly isUnpacked: boolean;
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  size?: number;
  unpacked?: boolean;
  link?: string;
}

/** Every file (not directory, not link) of an asar archive, from its header. */
export function listAsarFiles(archivePath: string): AsarEntry[] {
  const entries: AsarEntry[] = [];
  const walk = (node: HeaderNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const at = prefix === '' ? name : `${prefix}/${name}`;
      if (child.files) walk(child, at);
      else if (child.link === undefined) entries.push({ path: at, sizeBytes: child.size ?? 0, isUnpacked: child.unpacked === true });
    }
  };
  walk(getRawHeader(archivePath).header as HeaderNode, '');
  return entries;
}
