/**
 * The SVG path of a sparkline: a few hundred points as one `d` string, cheap to draw and to diff.
 * Pure. x runs over the window (the newest point at the right edge), y from `max` at the top to
 * 0 at the bottom, values clamped into that range. A null starts a new subpath (a gap, not a dip
 * to 0); a point with no neighbour is drawn as a dot (a zero-length segment with round caps).
 */

export interface SparkPoint {
  /** Seconds before the newest point (≤ 0). */
  t: number;
  v: number | null;
}

export interface SparkBox {
  widthPx: number;
  heightPx: number;
  windowSec: number;
  max: number;
  /** Room kept free at the top and bottom so the stroke is not cut (px). */
  insetPx?: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function sparklinePath(points: readonly SparkPoint[], box: SparkBox): string {
  const inset = box.insetPx ?? 1;
  const span = Math.max(0, box.heightPx - 2 * inset);
  const max = box.max > 0 && Number.isFinite(box.max) ? box.max : 1;
  const windowSec = box.windowSec > 0 ? box.windowSec : 1;
  const parts: string[] = [];
  let isInRun = false;
  let runLength = 0;
  for (const { t, v } of points) {
    if (v === null || !Number.isFinite(v) || !Number.isFinite(t)) {
      if (runLength === 1) parts.push('h0');
      isInRun = false;
      runLength = 0;
      continue;
    }
    const x = round(box.widthPx * (1 + Math.min(0, Math.max(-windowSec, t)) / windowSec));
    const y = round(inset + span * (1 - Math.min(1, Math.max(0, v / max))));
    parts.push(`${isInRun ? 'L' : 'M'}${x} ${y}`);
    isInRun = true;
    runLength += 1;
  }
  if (runLength === 1) parts.push('h0');
  return parts.join('');
}
