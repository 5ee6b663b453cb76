/**
 * A big chart's zoom and pan in a past range (the window math: store/chart-zoom.ts). A drag across
 * the chart zooms into that span (shown as a band while dragging), a Shift+drag pans, the wheel
 * zooms around the pointer; on the cursor's line + and − zoom around the cursor, Shift+arrows pan,
 * 0 resets. Live charts have none: they follow the clock. Every chart of the tab shares one zoom.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { msAtFraction, panBy, selectionWindow, wheelFactor, zoomAround, zoomBounds, zoomKey, type TimeWindow } from '../../store/chart-zoom.ts';
import { useAppStore, useStoreApi } from '../../store/store-context.tsx';
import { chartHistory } from './use-chart-history.ts';
import { Y_AXIS_PX } from './use-chart-cursor.ts';

/** A pointer that moved less than this between press and release clicked (a moment), it did not drag. */
const DRAG_PX = 4;

export interface ChartZoom {
  isEnabled: boolean;
  /** The span being dragged across, in the chart's x (seconds before its end), null when none. */
  band: { t1: number; t2: number } | null;
  ref(element: HTMLElement | null): void;
  onPointerDown(event: PointerEvent<HTMLElement>): void;
  onPointerMove(event: PointerEvent<HTMLElement>): void;
  onPointerUp(event: PointerEvent<HTMLElement>): void;
  /** The system took the pointer (a touch turned into a scroll): the drag ends with no zoom. */
  onPointerCancel(): void;
  /** Whether the click that ends a drag is to be ignored (it is not a click on a moment); clears it. */
  takeDragClick(): boolean;
  /** Handles a zoom key on the cursor (around `cursorMs`, else the middle); false when it is not one. */
  onKeyDown(event: KeyboardEvent<HTMLElement>, cursorMs: number | null): boolean;
}

interface Drag {
  startX: number;
  startMs: number;
  start: TimeWindow;
  isPan: boolean;
  box: { left: number; width: number };
}

const NO_ZOOM = { range: 'live', endMs: null } as const;

const plotWidth = (box: { width: number }) => Math.max(1, box.width - Y_AXIS_PX);

export function useChartZoom(isCompact: boolean): ChartZoom {
  const store = useStoreApi();
  // A compact chart (one of a grid of many) never zooms: it reads nothing per tick for it.
  const { range, endMs } = useAppStore(useShallow((s) => (isCompact ? NO_ZOOM : { range: s.historyRange, endMs: chartHistory(s).endMs })));
  const isEnabled = !isCompact && range !== 'live' && endMs !== null;
  const [band, setBand] = useState<{ fromMs: number; toMs: number } | null>(null);
  const drag = useRef<Drag | null>(null);
  const didDrag = useRef(false);
  const [element, setElement] = useState<HTMLElement | null>(null);

  /** The span shown now and where it may go, read when an event comes (not at render). */
  const current = () => {
    const s = store.getState();
    const { endMs, windowSec } = chartHistory(s);
    if (s.historyRange === 'live' || endMs === null) return null;
    const window = { fromMs: endMs - windowSec * 1000, toMs: endMs };
    return { window, bounds: zoomBounds(s.historyRange, Date.now(), s.historyStatus?.oldestMs ?? null), set: s.setRangeZoom };
  };
  const msAt = (clientX: number, box: Drag['box'], window: TimeWindow) => msAtFraction((clientX - box.left) / plotWidth(box), window);

  // The wheel is taken (not passed on to scroll the page) only over a chart that zooms: a native
  // listener, since React's wheel listener is passive and can't prevent the scroll.
  useEffect(() => {
    if (!element || !isEnabled) return;
    const onWheel = (event: WheelEvent) => {
      const now = current();
      if (!now || event.deltaY === 0) return;
      event.preventDefault();
      const box = element.getBoundingClientRect();
      now.set(zoomAround(now.window, msAt(event.clientX, box, now.window), wheelFactor(event.deltaY), now.bounds));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
    // `current` reads the store when the event comes: it needs no re-subscription.
  }, [element, isEnabled]);

  return {
    isEnabled,
    band: band === null || endMs === null ? null : { t1: (band.fromMs - endMs) / 1000, t2: (band.toMs - endMs) / 1000 },
    ref: setElement,
    onPointerDown: (event) => {
      const now = current();
      if (!isEnabled || !now || event.button !== 0) return;
      const rect = event.currentTarget.getBoundingClientRect();
      const box = { left: rect.left, width: rect.width };
      drag.current = { startX: event.clientX, startMs: msAt(event.clientX, box, now.window), start: now.window, isPan: event.shiftKey, box };
      didDrag.current = false;
      // The drag goes on (and ends) past the chart's edge: the chart keeps the pointer until it is let go.
      if (event.currentTarget.hasPointerCapture?.(event.pointerId) === false) {
        try {
          event.currentTarget.setPointerCapture(event.pointerId);
        } catch {
          // not an active pointer (a synthetic event): the drag still works inside the chart
        }
      }
    },
    onPointerMove: (event) => {
      const d = drag.current;
      const now = current();
      if (!d || !now || Math.abs(event.clientX - d.startX) < DRAG_PX) return;
      didDrag.current = true;
      if (d.isPan) {
        // The chart follows the pointer: dragging right shows earlier time.
        const widthMs = d.start.toMs - d.start.fromMs;
        now.set(panBy(d.start, (-(event.clientX - d.startX) / plotWidth(d.box)) * widthMs, now.bounds));
      } else {
        const atMs = msAt(event.clientX, d.box, d.start);
        setBand({ fromMs: Math.min(d.startMs, atMs), toMs: Math.max(d.startMs, atMs) });
      }
    },
    onPointerUp: (event) => {
      const d = drag.current;
      drag.current = null;
      setBand(null);
      const now = current();
      if (!d || !now || !didDrag.current || d.isPan) return;
      now.set(selectionWindow(d.startMs, msAt(event.clientX, d.box, d.start), now.bounds));
    },
    onPointerCancel: () => {
      drag.current = null;
      didDrag.current = false;
      setBand(null);
    },
    takeDragClick: () => {
      const was = didDrag.current;
      didDrag.current = false;
      return was;
    },
    onKeyDown: (event, cursorMs) => {
      const action = zoomKey(event.key, event.shiftKey);
      const now = isEnabled ? current() : null;
      if (!action || !now) return false;
      event.preventDefault();
      const { window, bounds } = now;
      if (action.kind === 'reset') now.set(null);
      else if (action.kind === 'pan') now.set(panBy(window, action.fraction * (window.toMs - window.fromMs), bounds));
      else now.set(zoomAround(window, cursorMs ?? (window.fromMs + window.toMs) / 2, action.factor, bounds));
      return true;
    },
  };
}
