/**
 * Zoom and pan of the Performance charts in a past range: which span of time they show. Pure (no
 * clock: the caller passes `nowMs`): zoom around a moment, pan, the span dragged across, each kept
 * inside what can be shown (never past now, never before the oldest moment held, never wider than
 * the chosen range, never narrower than a minute), and the `historySeries` query for a span.
 */
import { historyStepMs, RANGE_MS, type PastRange } from './history-range.ts';

import type { TimeWindow } from './time-travel-slice.ts';

export type { TimeWindow };

/** Where a window may be: within [minMs, maxMs] (the oldest moment held, now), at most `maxWidthMs` wide. */
export interface ZoomBounds {
  minMs: number;
  maxMs: number;
  maxWidthMs: number;
}

/** The narrowest a zoom goes: a minute, 60 points at the store's finest step (1 s). */
export const MIN_ZOOM_MS = 60_000;

/** How much a step of the wheel or a key zooms: in halves the span, out doubles it. */
export const ZOOM_IN = 0.5;
export const ZOOM_OUT = 2;
/** How far a key pans: a quarter of the span shown. */
export const PAN_FRACTION = 0.25;

/**
 * The bounds of a range's zoom at `nowMs`: back to the oldest moment held (the range's start while
 * that is unknown), up to now, as wide as the range at most.
 */
export function zoomBounds(range: PastRange, nowMs: number, oldestHeldMs: number | null): ZoomBounds {
  const rangeMs = RANGE_MS[range];
  return { minMs: Math.min(oldestHeldMs ?? nowMs - rangeMs, nowMs - MIN_ZOOM_MS), maxMs: nowMs, maxWidthMs: rangeMs };
}

const widthIn = (widthMs: number, bounds: ZoomBounds): number => Math.round(Math.min(Math.max(widthMs, MIN_ZOOM_MS), bounds.maxWidthMs));

/** A window of `widthMs` starting near `fromMs`, moved inside the bounds; now wins over the oldest held. */
function placed(fromMs: number, widthMs: number, bounds: ZoomBounds): TimeWindow {
  const from = Math.round(Math.min(Math.max(fromMs, bounds.minMs), bounds.maxMs - widthMs));
  return { fromMs: from, toMs: from + widthMs };
}

/** `window` made to fit the bounds: its width limited, its middle kept where it can be. */
export function clampWindow(window: TimeWindow, bounds: ZoomBounds): TimeWindow {
  const width = widthIn(window.toMs - window.fromMs, bounds);
  return placed((window.fromMs + window.toMs) / 2 - width / 2, width, bounds);
}

/** `window` scaled by `factor` (< 1 in, > 1 out) around `atMs`, which stays at the same place on the chart. */
export function zoomAround(window: TimeWindow, atMs: number, factor: number, bounds: ZoomBounds): TimeWindow {
  const width = window.toMs - window.fromMs;
  const next = widthIn(width * factor, bounds);
  // A moment outside the window (a stale cursor) zooms around the nearer edge.
  const anchorMs = Math.min(window.toMs, Math.max(window.fromMs, atMs));
  const fraction = width > 0 ? (anchorMs - window.fromMs) / width : 1;
  return placed(anchorMs - fraction * next, next, bounds);
}

/** `window` moved by `deltaMs` (negative: back in time), stopping at the bounds. */
export function panBy(window: TimeWindow, deltaMs: number, bounds: ZoomBounds): TimeWindow {
  return placed(window.fromMs + deltaMs, widthIn(window.toMs - window.fromMs, bounds), bounds);
}

/** The span a drag went across, from either end, made to fit the bounds (a minute at least). */
export function selectionWindow(aMs: number, bMs: number, bounds: ZoomBounds): TimeWindow {
  return clampWindow({ fromMs: Math.min(aMs, bMs), toMs: Math.max(aMs, bMs) }, bounds);
}

/** The moment under a pointer `fraction` of the way across a chart showing `window` (0 left, 1 right). */
export const msAtFraction = (fraction: number, window: TimeWindow): number =>
  window.fromMs + Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 1)) * (window.toMs - window.fromMs);

/**
 * The `historySeries` query for `window`: the finest step keeping it at most `CHART_POINTS` points,
 * its ends widened to whole steps (the store's roll-ups are on whole steps).
 */
export function windowQuery(window: TimeWindow): { kind: 'historySeries'; fromMs: number; toMs: number; stepMs: number } {
  const stepMs = historyStepMs(window.toMs - window.fromMs);
  return { kind: 'historySeries', fromMs: Math.floor(window.fromMs / stepMs) * stepMs, toMs: Math.ceil(window.toMs / stepMs) * stepMs, stepMs };
}

/** What a key on a chart's cursor does to the zoom: + and − zoom, Shift+arrows pan, 0 resets; null: not a zoom key. */
export type ZoomKeyAction = { kind: 'zoom'; factor: number } | { kind: 'pan'; fraction: number } | { kind: 'reset' };

export function zoomKey(key: string, isShift: boolean): ZoomKeyAction | null {
  if (key === '+' || key === '=') return { kind: 'zoom', factor: ZOOM_IN };
  if (key === '-' || key === '_') return { kind: 'zoom', factor: ZOOM_OUT };
  if (key === '0') return { kind: 'reset' };
  if (isShift && key === 'ArrowLeft') return { kind: 'pan', fraction: -PAN_FRACTION };
  if (isShift && key === 'ArrowRight') return { kind: 'pan', fraction: PAN_FRACTION };
  return null;
}

/** A wheel notch's zoom: up (negative `deltaY`) in by a fifth, down out by as much back; sideways nothing. */
export const wheelFactor = (deltaY: number): number => (deltaY < 0 ? 0.8 : deltaY > 0 ? 1.25 : 1);
