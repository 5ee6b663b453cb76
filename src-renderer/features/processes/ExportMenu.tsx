/**
 * The toolbar's Export menu button: a menu (the context menu's keys: arrows, Enter/Space, Escape
 * gives the focus back to the button) of the formats the current view can be saved in. ArrowDown
 * on the button opens it too, as a menu button does.
 */
import { useRef, useState } from 'react';
import type { ExportFormat } from '../../../src-shared/export-format.ts';
import { ContextMenu } from '../../components/ContextMenu.tsx';
import { strings } from '../../strings.ts';

interface ExportMenuProps {
  onExport(format: ExportFormat): void;
  /** The button's name and each format's item (default: the Processes view's). */
  label?: string;
  itemLabels?: Record<ExportFormat, string>;
}

export function ExportMenu({ onExport, label = strings.exportMenu.button, itemLabels }: ExportMenuProps) {
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
      {at ? (
        <ContextMenu
          label={label}
          x={at.x}
          y={at.y}
          items={[
            { id: 'export-csv', label: itemLabels?.csv ?? strings.exportMenu.processesCsv, onSelect: () => onExport('csv') },
            { id: 'export-jsonl', label: itemLabels?.jsonl ?? strings.exportMenu.processesJsonl, onSelect: () => onExport('jsonl') },
          ]}
          onClose={() => setAt(null)}
        />
      ) : null}
    </>
  );
}
