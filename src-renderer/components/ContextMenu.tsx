/**
 * A context menu (`role="menu"`): opens at a point, takes focus, arrows move between items,
 * Enter/Space activate, Escape or a click elsewhere closes it and gives focus back. A submenu shown
 * in its place (`heading`, `onBack`) says what it is in a visible heading that labels it, and
 * offers Back (also Left arrow) to the menu it came from.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { strings } from '../strings.ts';

export interface MenuItem {
  id: string;
  label: string;
  isDisabled?: boolean;
  /** Why the item is disabled, as a tooltip (time travel: nothing acts on the past). */
  title?: string;
  /** A radio item of a group (e.g. the current priority). */
  isChecked?: boolean;
  /** A colour dot before the label (a saved machine's colour, `#rrggbb`); its style comes with the menu that uses it. */
  color?: string;
  onSelect(): void;
}

interface ContextMenuProps {
  label: string;
  /** A submenu's visible heading (also its accessible name). */
  heading?: string;
  /** A submenu: Back (and Left arrow) returns to the menu it came from. */
  onBack?: () => void;
  x: number;
  y: number;
  items: readonly MenuItem[];
  onClose(): void;
}

export function ContextMenu({ label, heading, onBack, x, y, items: ownItems, onClose }: ContextMenuProps) {
  const headingId = useId();
  const items: readonly MenuItem[] = onBack ? [{ id: 'menu-back', label: `‹ ${strings.menuBack}`, onSelect: onBack }, ...ownItems] : ownItems;
  const menuRef = useRef<HTMLDivElement>(null);
  // A radio group (the priorities) opens on its checked item; any other menu on its first item.
  const [active, setActive] = useState(() => {
    const checked = items.findIndex((i) => i.isChecked === true && !i.isDisabled);
    return checked >= 0 ? checked : Math.max(0, items.findIndex((i) => !i.isDisabled));
  });
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    menuRef.current?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      previous?.focus();
    };
  }, [onClose]);

  const move = (step: number) => {
    for (let i = 1; i <= items.length; i++) {
      const next = (active + step * i + items.length * i) % items.length;
      if (!items[next]?.isDisabled) return setActive(next);
    }
  };
  const choose = (item: MenuItem | undefined) => {
    if (!item || item.isDisabled) return;
    if (item.id !== 'menu-back') onClose();
    item.onSelect();
  };

  return (
    <div
      ref={menuRef}
      role="menu"
      aria-label={heading ? undefined : label}
      aria-labelledby={heading ? headingId : undefined}
      tabIndex={-1}
      className="context-menu"
      style={{ left: Math.min(x, window.innerWidth - 220), top: Math.min(y, window.innerHeight - items.length * 28 - 8) }}
      aria-activedescendant={`menu-item-${items[active]?.id ?? ''}`}
      onKeyDown={(event) => {
        const keys: Record<string, () => void> = {
          ArrowDown: () => move(1),
          ArrowUp: () => move(-1),
          Home: () => setActive(0),
          End: () => setActive(items.length - 1),
          Enter: () => choose(items[active]),
          ' ': () => choose(items[active]),
          Escape: onClose,
          Tab: onClose,
          ...(onBack ? { ArrowLeft: onBack } : {}),
        };
        const action = keys[event.key];
        if (action) {
          event.preventDefault();
          action();
        }
      }}
    >
      {heading ? (
        <div id={headingId} role="presentation" className="menu-heading">
          {heading}
        </div>
      ) : null}
      {items.map((item, index) => (
        <div
          key={item.id}
          id={`menu-item-${item.id}`}
          role={item.isChecked === undefined ? 'menuitem' : 'menuitemradio'}
          aria-checked={item.isChecked}
          aria-disabled={item.isDisabled || undefined}
          title={item.title}
          className={`menu-item${index === active ? ' active' : ''}`}
          onPointerEnter={() => setActive(index)}
          onClick={() => choose(item)}
        >
          {item.color ? <span className="menu-swatch" style={{ background: item.color }} aria-hidden="true" /> : null}
          {item.label}
        </div>
      ))}
    </div>
  );
}
