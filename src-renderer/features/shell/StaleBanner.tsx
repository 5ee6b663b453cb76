/**
 * Says so when the figures on screen are old, and why: the page lost its connection to the host,
 * the collector is down (the host is reachable), or nothing arrived for three update intervals.
 * Two different failures, two different messages. The banner floats over the page (it moves
 * nothing), and while it shows, the figures under it are dimmed (styles.css, `.app:has(.banner)`).
 * Paused and Ctrl-held views are not stale: the status bar says so. (A clock for the banner only;
 * data is never polled.)
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CollectorStatus } from '../../../src-shared/collector-status.ts';
import type { ConnectionState } from '../../../src-shared/stream.ts';
import { formatClock } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { UPDATE_SPEED_MS, type UpdateSpeed } from '../../store/settings.ts';
import { strings } from '../../strings.ts';

/** Missed intervals before the data counts as stale. */
const STALE_AFTER_INTERVALS = 3;

export function isStale(receivedAtMs: number | null, nowMs: number, intervalMs: number): boolean {
  return receivedAtMs !== null && nowMs - receivedAtMs > STALE_AFTER_INTERVALS * intervalMs;
}

export type StaleReason =
  | { kind: 'connection'; connection: ConnectionState }
  | { kind: 'collector'; status: CollectorStatus }
  | { kind: 'late' };

export interface StaleInput {
  connection: ConnectionState | null;
  status: CollectorStatus | null;
  updateSpeed: UpdateSpeed;
  isHeld: boolean;
  /** When the last snapshot arrived (page clock), null before the first. */
  receivedAtMs: number | null;
  /** The source's sampling interval (`snapshot.intervalMs`). */
  samplingIntervalMs: number;
  nowMs: number;
}

/** Why the figures on screen are old, or null when they are not. Pure. */
export function staleReason(input: StaleInput): StaleReason | null {
  const { connection, status } = input;
  if (connection && connection.state !== 'connected') return { kind: 'connection', connection };
  // Starting for the first time is not a failure (there is nothing on screen to be old yet).
  if (status && (status.state === 'down' || status.state === 'stopped' || (status.state === 'starting' && status.restarts > 0))) {
    return { kind: 'collector', status };
  }
  if (input.updateSpeed === 'paused' || input.isHeld) return null;
  const expectedMs = Math.max(input.samplingIntervalMs, UPDATE_SPEED_MS[input.updateSpeed]);
  return isStale(input.receivedAtMs, input.nowMs, expectedMs) ? { kind: 'late' } : null;
}

/** The banner's words for a reason. Pure. */
export function staleMessage(reason: StaleReason): string {
  switch (reason.kind) {
    case 'connection':
      return strings.stale.connection[reason.connection.state === 'connected' ? 'lost' : reason.connection.state];
    case 'collector': {
      const why = reason.status.message ? `: ${reason.status.message}` : '';
      if (reason.status.state === 'stopped') return strings.stale.collectorStopped(why);
      return reason.status.state === 'starting' ? strings.stale.collectorRestarting(reason.status.restarts) : strings.stale.collectorDown(why);
    }
    case 'late':
      return strings.staleData;
  }
}

export function StaleBanner() {
  const s = useAppStore(
    useShallow((state) => ({
      connection: state.connection,
      status: state.status,
      updateSpeed: state.updateSpeed,
      isHeld: state.isHeld,
      receivedAtMs: state.receivedAtMs,
      samplingIntervalMs: state.snapshot?.intervalMs ?? 1000,
      takenAtMs: state.snapshot?.takenAtMs ?? null,
    })),
  );
  const [nowMs, setNowMs] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(performance.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const reason = staleReason({ ...s, nowMs });
  if (reason === null) return null;
  return (
    <p role="status" className="banner stale-banner" data-reason={reason.kind}>
      {staleMessage(reason)}
      {s.takenAtMs === null ? null : <span className="banner-when"> {strings.stale.figuresFrom(formatClock(s.takenAtMs))}</span>}
    </p>
  );
}
