/**
 * A menu button: a button that opens a menu of `items` under it (the context menu's keys: arrows,
 * Enter/Space, Escape gives the focus back to the button). ArrowDown on the button opens it too,
 * as a menu button does.
 */
import { useRef, useState } from 'react';
import { ContextMenu, type MenuItem } from './ContextMenu.tsx';

export function MenuButton({ label, items }: { label: string; items: readonly MenuItem[] }) {
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // A press on the button while the menu is open closes the menu (a press outside it); the click
  // that follows must not open it again.
  const wasOpenAtPress = useRef(false);
  const open = () => {
    const box = buttonRef.current?.getBoundingClientRect();
    setAt({ x: box?.left ?? 0, y: box?.bottom ?? 0 });
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={at !== null}
        onPointerDown={() => (wasOpenAtPress.current = at !== null)}
        onClick={() => {
          if (!wasOpenAtPress.current && !at) open();
          else setAt(null);
          wasOpenAtPress.current = false;
        }}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown') return;
          event.preventDefault();
          open();
        }}
      >
        {label}
      </button>
      {at ? <ContextMenu label={label} x={at.x} y={at.y} items={items} onClose={() => setAt(null)} /> : null}
    </>
  );
}
