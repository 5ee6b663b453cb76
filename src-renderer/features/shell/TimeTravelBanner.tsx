/**
 * Over the tabs while they show a past moment: "Viewing 03:12:05 — Back to live", or that the
 * moment is being read, or why it has no rows, and "What used the machine around here?" (Top
 * consumers over the 15 minutes before the moment). Escape anywhere goes back to live too, unless
 * something took it first (a search box clearing, a menu closing).
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatClock } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';

/** "Around here": the 15 minutes before the moment viewed, what led up to it. */
const AROUND_MS = 15 * 60_000;

export function TimeTravelBanner() {
  const { viewAtMs, takenAtMs, error, backToLive, showTopConsumers } = useAppStore(
    useShallow((s) => ({ viewAtMs: s.viewAtMs, takenAtMs: s.travel?.takenAtMs ?? null, error: s.travelError, backToLive: s.backToLive, showTopConsumers: s.showTopConsumers })),
  );
  const isPast = viewAtMs !== null;
  useEffect(() => {
    if (!isPast) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) backToLive();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isPast, backToLive]);
  if (viewAtMs === null) return null;
  // The rows are of the nearest recorded second at or before the moment asked: that second is shown.
  const atMs = takenAtMs ?? viewAtMs;
  const time = formatClock(atMs);
  return (
    <div className="banner time-travel-banner" role="region" aria-label={strings.timeTravel.viewing(time)}>
      <strong>{strings.timeTravel.viewing(time)}</strong> —{' '}
      <button type="button" onClick={backToLive}>
        {strings.timeTravel.backToLive}
      </button>{' '}
      <button type="button" onClick={() => showTopConsumers(atMs - AROUND_MS, atMs)}>
        {strings.timeTravel.whatUsed}
      </button>{' '}
      <span role="status">
        {error ? strings.timeTravel.failed(error.message) : takenAtMs === null ? strings.timeTravel.loading : strings.timeTravel.readOnly}
      </span>
    </div>
  );
}
