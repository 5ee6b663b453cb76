/**
 * `node scripts/make-icons.ts`: draws the app's glyph — a CPU graph line over a filled area on a
 * rounded square — and writes the committed images in assets/ (pure Node: zlib for PNG, no tools):
 *
 *   icon.png      512 × 512   Linux icon; electron-builder derives the macOS .icns from it
 *   icon.ico      16, 24, 32, 48, 256   Windows: the exe, the installer, shortcuts
 *   tray-16.png, tray-32.png   the tray's fallback image (the live CPU mini-graph replaces it), 1× and 2×
 *
 * The ICO holds the 256 px image as PNG and the small ones as 32-bit BMP (DIB) images: every
 * reader takes BMP entries (NSIS's icon loader, rcedit, old shell code), and PNG keeps the big one
 * small. Drawing is analytic (signed distances, 4 × 4 samples a pixel), so each size is drawn for
 * itself rather than scaled down, and the stroke never gets thinner than ~1.6 px.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const ICO_SIZES_PX: readonly number[] = [16, 24, 32, 48, 256];
/** ICO entries at or above this size are stored as PNG, smaller ones as BMP. */
export const ICO_PNG_MIN_SIZE_PX = 256;

type Rgb = readonly [number, number, number];

const BACKGROUND_TOP: Rgb = [0x1d, 0x4e, 0x89];
const BACKGROUND_BOTTOM: Rgb = [0x0e, 0x27, 0x47];
const LINE: Rgb = [0x4c, 0xe0, 0x9a];
const AREA_ALPHA = 0.28;

/** The graph, in units of the square's side (x right, y down). */
const GRAPH: readonly (readonly [number, number])[] = [
  [0.16, 0.66],
  [0.3, 0.6],
  [0.41, 0.68],
  [0.52, 0.36],
  [0.62, 0.56],
  [0.72, 0.46],
  [0.84, 0.28],
];

export interface GlyphOptions {
  /** Empty border around the square, as a fraction of the side (0–0.2). */
  readonly marginRatio: number;
}

function roundedSquareDistance(x: number, y: number, half: number, radius: number): number {
  // Signed distance to a square of half-side `half` centred at 0.5,0.5 with rounded corners.
  const qx = Math.abs(x - 0.5) - (half - radius);
  const qy = Math.abs(y - 0.5) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

function segmentDistance(x: number, y: number, a: readonly [number, number], b: readonly [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.min(1, Math.max(0, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

/** The graph's y at x, or null outside its x range. */
function graphY(x: number): number | null {
  for (let i = 1; i < GRAPH.length; i += 1) {
    const a = GRAPH[i - 1];
    const b = GRAPH[i];
    if (a && b && x >= a[0] && x <= b[0]) return a[1] + ((x - a[0]) / (b[0] - a[0])) * (b[1] - a[1]);
  }
  return null;
}

/** Straight (not premultiplied) RGBA, row-major from the top, `sizePx × sizePx × 4` bytes. */
export function renderGlyph(sizePx: number, options: GlyphOptions = { marginRatio: 0.04 }): Buffer {
  const samples = 4;
  const half = 0.5 - options.marginRatio;
  const radius = half * 0.36;
  const strokeHalf = Math.max(0.036, 0.8 / sizePx);
  const bottom = 0.5 + half;
  const out = Buffer.alloc(sizePx * sizePx * 4);
  for (let py = 0; py < sizePx; py += 1) {
    for (let px = 0; px < sizePx; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / sizePx;
          const y = (py + (sy + 0.5) / samples) / sizePx;
          if (roundedSquareDistance(x, y, half, radius) > 0) continue;
          const t = Math.min(1, Math.max(0, (y - (1 - bottom)) / (2 * half)));
          let c: [number, number, number] = [0, 1, 2].map((k) => {
            const top = BACKGROUND_TOP[k] ?? 0;
            return top + ((BACKGROUND_BOTTOM[k] ?? 0) - top) * t;
          }) as [number, number, number];
          const lineY = graphY(x);
          if (lineY !== null && y > lineY) c = c.map((v, k) => v + ((LINE[k] ?? 0) - v) * AREA_ALPHA) as [number, number, number];
          let onLine = false;
          for (let i = 1; i < GRAPH.length && !onLine; i += 1) {
            const p = GRAPH[i - 1];
            const q = GRAPH[i];
            if (p && q && segmentDistance(x, y, p, q) <= strokeHalf) onLine = true;
          }
          if (onLine) c = [LINE[0], LINE[1], LINE[2]];
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (py * sizePx + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((a / (samples * samples)) * 255);
      }
    }
  }
  return out;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An 8-bit RGBA PNG; every row with filter 0 (none). */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: ${rgba.length} bytes for ${width}×${height}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y += 1) {
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 32-bit BGRA DIB as an ICO entry holds it: bottom-up rows, height doubled, then the AND mask. */
export function encodeIcoBmp(sizePx: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0); // BITMAPINFOHEADER
  header.writeInt32LE(sizePx, 4);
  header.writeInt32LE(sizePx * 2, 8); // XOR image + AND mask
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  const pixels = Buffer.alloc(sizePx * sizePx * 4);
  for (let y = 0; y < sizePx; y += 1) {
    for (let x = 0; x < sizePx; x += 1) {
      const from = (y * sizePx + x) * 4;
      const to = ((sizePx - 1 - y) * sizePx + x) * 4;
      pixels[to] = rgba[from + 2] ?? 0;
      pixels[to + 1] = rgba[from + 1] ?? 0;
      pixels[to + 2] = rgba[from] ?? 0;
      pixels[to + 3] = rgba[from + 3] ?? 0;
    }
  }
  // AND mask: 1 bit a pixel, rows padded to 32 bits; all zero (the alpha channel decides).
  const mask = Buffer.alloc(Math.ceil(sizePx / 32) * 4 * sizePx);
  header.writeUInt32LE(pixels.length + mask.length, 20);
  return Buffer.concat([header, pixels, mask]);
}

/** An ICO file of the given square images (size ≥ 256 stored as PNG, smaller as BMP). */
export function encodeIco(images: readonly { sizePx: number; rgba: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  const bodies = images.map(({ sizePx, rgba }) =>
    sizePx >= ICO_PNG_MIN_SIZE_PX ? encodePng(sizePx, sizePx, rgba) : encodeIcoBmp(sizePx, rgba),
  );
  let offset = header.length + directory.length;
  images.forEach(({ sizePx }, i) => {
    const body = bodies[i] ?? Buffer.alloc(0);
    const at = i * 16;
    if (sizePx > 256) throw new Error(`encodeIco: ${sizePx} px is over ICO's 256`);
    directory[at] = sizePx === 256 ? 0 : sizePx; // 0 means 256
    directory[at + 1] = sizePx === 256 ? 0 : sizePx;
    directory.writeUInt16LE(1, at + 4); // planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(body.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += body.length;
  });
  return Buffer.concat([header, directory, ...bodies]);
}

/** Every file of assets/ this script owns, by name. */
export function makeIcons(): Map<string, Buffer> {
  const png = (sizePx: number, options?: GlyphOptions) => encodePng(sizePx, sizePx, renderGlyph(sizePx, options));
  // The tray has no room to spare: no margin there.
  const tray = { marginRatio: 0 };
  return new Map([
    ['icon.png', png(512)],
    ['icon.ico', encodeIco(ICO_SIZES_PX.map((sizePx) => ({ sizePx, rgba: renderGlyph(sizePx) })))],
    ['tray-16.png', png(16, tray)],
    ['tray-32.png', png(32, tray)],
  ]);
}

if (import.meta.main) {
  const assetsDir = path.resolve(import.meta.dirname, '../assets');
  for (const [name, bytes] of makeIcons()) {
    fs.writeFileSync(path.join(assetsDir, name), bytes);
    process.stderr.write(`assets/${name}  ${bytes.length} bytes\n`);
  }
}
