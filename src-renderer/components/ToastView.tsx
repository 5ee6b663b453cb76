/**
 * A short message after an action (`role="status"`), with an optional Undo; it goes by itself.
 */
import { useEffect } from 'react';
import { strings } from '../strings.ts';

const VISIBLE_MS = 8_000;

export function ToastView({ text, undo, onDismiss }: { text: string; undo?: () => void; onDismiss(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDismiss, VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [text, onDismiss]);
  return (
    <div role="status" className="toast">
      <span>{text}</span>
      {undo ? (
        <button type="button" onClick={undo}>
          {strings.undo}
        </button>
      ) : null}
    </div>
  );
}
