/**
 * Says so when the figures on screen are old: the collector is down, or no snapshot arrived for
 * three update intervals. (A clock for the banner only; data is never polled.)
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/store-context.tsx';
import { UPDATE_SPEED_MS } from '../../store/settings.ts';
import { strings } from '../../strings.ts';

/** Missed intervals before the data counts as stale. */
const STALE_AFTER_INTERVALS = 3;

export function isStale(receivedAtMs: number | null, nowMs: number, intervalMs: number): boolean {
  return receivedAtMs !== null && nowMs - receivedAtMs > STALE_AFTER_INTERVALS * intervalMs;
}

export function StaleBanner() {
  const { status, receivedAtMs, updateSpeed, intervalMs } = useAppStore(
    useShallow((s) => ({
      status: s.status,
      receivedAtMs: s.receivedAtMs,
      updateSpeed: s.updateSpeed,
      intervalMs: s.snapshot?.intervalMs ?? 1000,
    })),
  );
  const [nowMs, setNowMs] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(performance.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const expectedMs = updateSpeed === 'paused' ? Infinity : Math.max(intervalMs, UPDATE_SPEED_MS[updateSpeed]);
  let message: string | null = null;
  if (updateSpeed === 'paused') message = strings.paused;
  else if (status && status.state !== 'up') message = `${strings.collectorState[status.state]}${status.message ? `: ${status.message}` : ''}`;
  else if (isStale(receivedAtMs, nowMs, expectedMs)) message = strings.staleData;
  if (message === null) return null;
  return (
    <p role="status" className="banner">
      {message}
    </p>
  );
}
