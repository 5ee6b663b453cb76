/**
 * The stand-in Electron's fuse wire against @electron/fuses itself (the library electron-builder
 * flips fuses with): it finds our sentinel, reads our wire as Electron's defaults, and what it
 * flips is what `readFuseWire` reports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { ELECTRON_DEFAULT_FUSES, FUSE_NAMES, FUSE_SENTINEL, encodeFuseWire, readFuseWire, writeStandInElectronDist } from './packaging-stand-in.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function standIn(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-fuses-'));
  dirs.push(dir);
  writeStandInElectronDist(dir);
  return path.join(dir, 'electron');
}

describe('encodeFuseWire / readFuseWire', () => {
  it('round-trips every state, version 1, one byte a fuse after the sentinel', () => {
    const fuses = { ...ELECTRON_DEFAULT_FUSES, loadBrowserProcessSpecificV8Snapshot: 'removed' as const };
    const wire = encodeFuseWire(fuses);
    expect(wire.subarray(0, 32).toString('latin1')).toBe(FUSE_SENTINEL);
    expect([...wire.subarray(32, 34)]).toEqual([1, FUSE_NAMES.length]);
    expect(readFuseWire(Buffer.concat([Buffer.from('head'), wire, Buffer.from('tail')]))).toEqual({ ok: true, version: 1, fuses, unknownFuseCount: 0 });
  });

  it('says so when there is no sentinel, the wire is cut short, or a state byte is unknown', () => {
    expect(readFuseWire(Buffer.from('no fuses in here'))).toMatchObject({ ok: false, message: /sentinel/ });
    const wire = encodeFuseWire(ELECTRON_DEFAULT_FUSES);
    expect(readFuseWire(wire.subarray(0, wire.length - 2))).toMatchObject({ ok: false, message: /past the end/ });
    const bad = Buffer.from(wire);
    bad[34] = 0x41;
    expect(readFuseWire(bad)).toMatchObject({ ok: false, message: /unknown state/ });
  });

  it('counts fuses a newer Electron has and this list does not know', () => {
    const wire = Buffer.concat([encodeFuseWire(ELECTRON_DEFAULT_FUSES), Buffer.from('1')]);
    wire[33] = FUSE_NAMES.length + 1;
    expect(readFuseWire(wire)).toMatchObject({ ok: true, unknownFuseCount: 1 });
  });
});

describe('the stand-in Electron and @electron/fuses', () => {
  it('is read by @electron/fuses as an unflipped Electron', async () => {
    const wire = await getCurrentFuseWire(standIn());
    expect(wire.version).toBe(FuseVersion.V1);
    expect(wire[FuseV1Options.RunAsNode]).toBe(0x31);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(0x30);
  });

  it('reports exactly what @electron/fuses flipped, and leaves the rest', async () => {
    const electron = standIn();
    await flipFuses(electron, {
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
    expect(readFuseWire(fs.readFileSync(electron))).toEqual({
      ok: true,
      version: 1,
      fuses: { ...ELECTRON_DEFAULT_FUSES, runAsNode: 'off', onlyLoadAppFromAsar: 'on' },
      unknownFuseCount: 0,
    });
  });

  it('lays out what electron-builder’s Linux dir target takes from an unpacked Electron', () => {
    const dir = path.dirname(standIn());
    for (const file of ['electron', 'LICENSE', 'chrome-sandbox', 'locales/en-US.pak']) expect(fs.existsSync(path.join(dir, file)), file).toBe(true);
    expect(fs.statSync(path.join(dir, 'resources')).isDirectory()).toBe(true);
    expect(fs.statSync(path.join(dir, 'electron')).mode & 0o111).not.toBe(0);
    // Only a downloaded zip is cleaned of these; a stand-in that had them would ship them.
    expect(fs.existsSync(path.join(dir, 'resources/default_app.asar'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'version'))).toBe(false);
  });
});
