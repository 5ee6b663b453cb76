/**
 * The tray icon's live CPU mini-graph: the last `size` CPU readings (0–100, null = unknown) as
 * bars on a dark square, drawn into a BGRA bitmap (`nativeImage.createFromBitmap`'s pixel order).
 * Pure: readings in, pixels out.
 */
export interface TrayBitmap {
  width: number;
  height: number;
  /** BGRA, row-major, premultiplied alpha (all pixels are opaque or fully transparent). */
  pixels: Uint8Array;
}

const BACKGROUND = [0x20, 0x20, 0x20] as const; // B, G, R
const BORDER = [0x60, 0x60, 0x60] as const;
const BAR = [0x3c, 0xc8, 0x4a] as const; // green
const BAR_HOT = [0x2a, 0x52, 0xe0] as const; // red-orange above 80 %
const HOT_PERCENT = 80;

/** The graph for `history` (oldest first), right-aligned: the newest reading is the rightmost bar. */
export function drawCpuGraph(history: readonly (number | null)[], size: number): TrayBitmap {
  const width = size;
  const height = size;
  const pixels = new Uint8Array(width * height * 4);
  const put = (x: number, y: number, [b, g, r]: readonly [number, number, number]) => {
    const i = (y * width + x) * 4;
    pixels[i] = b;
    pixels[i + 1] = g;
    pixels[i + 2] = r;
    pixels[i + 3] = 0xff;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const isEdge = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      put(x, y, isEdge ? BORDER : BACKGROUND);
    }
  }
  const inner = Math.max(0, size - 2);
  const readings = history.slice(-inner);
  const offset = inner - readings.length;
  readings.forEach((reading, index) => {
    if (reading === null || !Number.isFinite(reading)) return;
    const percent = Math.min(100, Math.max(0, reading));
    // Any load above zero shows at least one pixel, so "busy a little" differs from "idle".
    const barHeight = percent === 0 ? 0 : Math.max(1, Math.round((percent / 100) * inner));
    const x = 1 + offset + index;
    for (let k = 0; k < barHeight; k++) put(x, height - 2 - k, percent > HOT_PERCENT ? BAR_HOT : BAR);
  });
  return { width, height, pixels };
}

/** The tray's tooltip: "Task Manager — CPU 12 %" (or "—" while unknown). */
export function trayTooltip(cpuPercent: number | null): string {
  return `Task Manager — CPU ${cpuPercent === null ? '—' : `${Math.round(cpuPercent)} %`}`;
}
