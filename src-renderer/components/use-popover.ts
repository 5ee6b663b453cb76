/**
 * A popover anchored in an element (Settings, Columns): open or closed, and closed by a pointer
 * pressed anywhere outside its anchor, as a menu is.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

export function usePopover(): { isOpen: boolean; setOpen(isOpen: boolean): void; anchorRef: RefObject<HTMLDivElement | null> } {
  const [isOpen, setOpen] = useState(false);
  const anchorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!anchorRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isOpen]);
  return { isOpen, setOpen, anchorRef };
}
