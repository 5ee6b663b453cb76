/**
 * The committed icons: ICO container structure (what Windows, rcedit and NSIS read), PNG
 * validity, and that assets/ holds exactly what scripts/make-icons.ts draws (pixels compared after
 * decoding, so a different zlib can't make it flaky).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ICO_PNG_MIN_SIZE_PX, ICO_SIZES_PX, PNG_SIGNATURE, encodeIco, encodePng, renderGlyph } from './make-icons.ts';

const assetsDir = path.resolve(import.meta.dirname, '../assets');
const readAsset = (name: string) => fs.readFileSync(path.join(assetsDir, name));

interface IcoEntry {
  widthPx: number;
  heightPx: number;
  planes: number;
  bitsPerPixel: number;
  body: Buffer;
}

/** Reads an ICO's directory; throws on anything a reader would reject. */
function parseIco(file: Buffer): IcoEntry[] {
  if (file.length < 6) throw new Error('shorter than the ICO header');
  if (file.readUInt16LE(0) !== 0 || file.readUInt16LE(2) !== 1) throw new Error('not an icon (reserved 0, type 1)');
  const count = file.readUInt16LE(4);
  if (file.length < 6 + 16 * count) throw new Error('directory runs past the end');
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i;
    const length = file.readUInt32LE(at + 8);
    const offset = file.readUInt32LE(at + 12);
    if (offset < 6 + 16 * count || offset + length > file.length) throw new Error(`entry ${i} out of bounds`);
    return {
      widthPx: file[at] || 256,
      heightPx: file[at + 1] || 256,
      planes: file.readUInt16LE(at + 4),
      bitsPerPixel: file.readUInt16LE(at + 6),
      body: file.subarray(offset, offset + length),
    };
  });
}

interface DecodedPng {
  widthPx: number;
  heightPx: number;
  rgba: Buffer;
}

/** Decodes the PNGs make-icons writes (8-bit RGBA, filter 0); checks every chunk's CRC. */
function decodePng(file: Buffer): DecodedPng {
  if (!file.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('no PNG signature');
  let at = 8;
  let widthPx = 0;
  let heightPx = 0;
  const idat: Buffer[] = [];
  let hasEnd = false;
  while (at < file.length) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const data = file.subarray(at + 8, at + 8 + length);
    if (zlib.crc32(file.subarray(at + 4, at + 8 + length)) !== file.readUInt32BE(at + 8 + length)) throw new Error(`${type}: bad CRC`);
    if (type === 'IHDR') {
      widthPx = data.readUInt32BE(0);
      heightPx = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6) throw new Error('not 8-bit RGBA');
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') hasEnd = true;
    at += 12 + length;
  }
  if (!hasEnd) throw new Error('no IEND');
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = widthPx * 4 + 1;
  if (raw.length !== stride * heightPx) throw new Error('pixel data of the wrong length');
  const rgba = Buffer.alloc(widthPx * heightPx * 4);
  for (let y = 0; y < heightPx; y += 1) {
    if (raw[y * stride] !== 0) throw new Error(`row ${y}: filter ${raw[y * stride]}, expected 0`);
    raw.copy(rgba, y * widthPx * 4, y * stride + 1, (y + 1) * stride);
  }
  return { widthPx, heightPx, rgba };
}

describe('assets/icon.ico', () => {
  const entries = parseIco(readAsset('icon.ico'));

  it('holds 16, 24, 32, 48 and 256 px square 32-bit images, one plane each', () => {
    expect(entries.map((e) => [e.widthPx, e.heightPx])).toEqual(ICO_SIZES_PX.map((s) => [s, s]));
    for (const e of entries) {
      expect(e.planes).toBe(1);
      expect(e.bitsPerPixel).toBe(32);
    }
  });

  it('stores 256 px as a PNG of that size and the small sizes as BMP entries with a doubled height and an AND mask', () => {
    for (const e of entries) {
      if (e.widthPx >= ICO_PNG_MIN_SIZE_PX) {
        const png = decodePng(e.body);
        expect([png.widthPx, png.heightPx]).toEqual([e.widthPx, e.heightPx]);
      } else {
        expect(e.body.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
        expect(e.body.readInt32LE(4)).toBe(e.widthPx);
        expect(e.body.readInt32LE(8)).toBe(e.heightPx * 2);
        expect(e.body.readUInt16LE(14)).toBe(32);
        const maskBytes = Math.ceil(e.widthPx / 32) * 4 * e.heightPx;
        expect(e.body.length).toBe(40 + e.widthPx * e.heightPx * 4 + maskBytes);
      }
    }
  });

  it('is what make-icons draws: each BMP entry is the glyph at its size, bottom-up BGRA', () => {
    const small = entries.find((e) => e.widthPx === 16);
    if (!small) throw new Error('no 16 px entry');
    const glyph = renderGlyph(16);
    // Top-left pixel of the glyph is the last row's first pixel in the bottom-up DIB.
    for (const [x, y] of [
      [8, 8],
      [0, 0],
      [3, 12],
    ] as const) {
      const from = (y * 16 + x) * 4;
      const to = 40 + ((15 - y) * 16 + x) * 4;
      expect([...small.body.subarray(to, to + 4)]).toEqual([glyph[from + 2], glyph[from + 1], glyph[from], glyph[from + 3]]);
    }
  });
});

describe('encodeIco', () => {
  it('refuses an image over 256 px, which an ICO directory cannot describe', () => {
    expect(() => encodeIco([{ sizePx: 512, rgba: Buffer.alloc(512 * 512 * 4) }])).toThrow(/256/);
  });

  it('lays entries out back to back after the directory', () => {
    const file = encodeIco([16, 24].map((sizePx) => ({ sizePx, rgba: Buffer.alloc(sizePx * sizePx * 4) })));
    const [a, b] = parseIco(file);
    if (!a || !b) throw new Error('two entries expected');
    expect(a.body.byteOffset - file.byteOffset).toBe(6 + 32);
    expect(b.body.byteOffset).toBe(a.body.byteOffset + a.body.length);
    expect(b.body.byteOffset + b.body.length - file.byteOffset).toBe(file.length);
  });
});

describe('encodePng', () => {
  it('refuses pixel data of the wrong length', () => {
    expect(() => encodePng(2, 2, Buffer.alloc(15))).toThrow();
  });
});

describe('the committed PNGs', () => {
  it.each([
    ['icon.png', 512, { marginRatio: 0.04 }],
    ['tray-16.png', 16, { marginRatio: 0 }],
    ['tray-32.png', 32, { marginRatio: 0 }],
  ] as const)('%s is %i px and pixel for pixel what make-icons draws', (name, sizePx, options) => {
    const png = decodePng(readAsset(name));
    expect([png.widthPx, png.heightPx]).toEqual([sizePx, sizePx]);
    expect(png.rgba.equals(renderGlyph(sizePx, options))).toBe(true);
  });

  it('has a transparent corner and an opaque centre (a rounded square, not a full tile)', () => {
    const { rgba, widthPx } = decodePng(readAsset('icon.png'));
    expect(rgba[3]).toBe(0);
    expect(rgba[((widthPx / 2) * widthPx + widthPx / 2) * 4 + 3]).toBe(255);
  });
});
