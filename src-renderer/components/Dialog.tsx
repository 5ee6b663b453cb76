/**
 * A modal dialog (`role="dialog"` or `"alertdialog"` for a destructive question): labelled by its
 * title, described by its text, focus moved in (to `initialFocus`, else the first button) and kept
 * in with Tab, Escape cancels, focus goes back where it was on close.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  role: 'dialog' | 'alertdialog';
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  actions: ReactNode;
  onCancel(): void;
  /** A selector inside the dialog to focus first. */
  initialFocus?: string;
  /** Another class beside `dialog` (a wider panel). */
  className?: string;
}

export function Dialog({ role, title, description, children, actions, onCancel, initialFocus, className }: DialogProps) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = (initialFocus ? ref.current?.querySelector<HTMLElement>(initialFocus) : null) ?? ref.current?.querySelector<HTMLElement>('button');
    first?.focus();
    return () => previous?.focus();
  }, [initialFocus]);
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role={role}
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-description` : undefined}
        className={className ? `dialog ${className}` : 'dialog'}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          } else if (event.key === 'Tab') {
            const focusable = [...(ref.current?.querySelectorAll<HTMLElement>('button:not(:disabled), input:not(:disabled), select:not(:disabled), [tabindex="0"]') ?? [])];
            const at = focusable.indexOf(document.activeElement as HTMLElement);
            const next = focusable[(at + (event.shiftKey ? -1 : 1) + focusable.length) % focusable.length];
            if (next) {
              event.preventDefault();
              next.focus();
            }
          }
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        {description ? <div id={`${id}-description`}>{description}</div> : null}
        {children}
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  );
}
