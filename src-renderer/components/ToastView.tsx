/**
 * A short message after an action (`role="status"`), with an optional Undo and a Dismiss; it goes
 * by itself `VISIBLE_MS` after it appeared. A new toast (a new `id`) starts its own time; re-renders
 * of the same toast (every tick) do not.
 */
import { useEffect, useRef } from 'react';
import { strings } from '../strings.ts';

export const VISIBLE_MS = 8_000;

export function ToastView({ id, text, undo, onDismiss }: { id: number; text: string; undo?: () => void; onDismiss(): void }) {
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  useEffect(() => {
    const timer = setTimeout(() => dismiss.current(), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [id]);
  return (
    <div role="status" className="toast">
      <span>{text}</span>
      {undo ? (
        <button type="button" onClick={undo}>
          {strings.undo}
        </button>
      ) : null}
      <button type="button" aria-label={strings.dismiss} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
