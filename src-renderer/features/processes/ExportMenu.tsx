/**
 * The toolbar's Export menu button (components/MenuButton.tsx): the formats the current view can
 * be saved in.
 */
import type { ExportFormat } from '../../../src-shared/export-format.ts';
import { MenuButton } from '../../components/MenuButton.tsx';
import { strings } from '../../strings.ts';

interface ExportMenuProps {
  onExport(format: ExportFormat): void;
  /** The button's name and each format's item (default: the Processes view's). */
  label?: string;
  itemLabels?: Record<ExportFormat, string>;
}

export function ExportMenu({ onExport, label = strings.exportMenu.button, itemLabels }: ExportMenuProps) {
  return (
    <MenuButton
      label={label}
      items={[
        { id: 'export-csv', label: itemLabels?.csv ?? strings.exportMenu.processesCsv, onSelect: () => onExport('csv') },
        { id: 'export-jsonl', label: itemLabels?.jsonl ?? strings.exportMenu.processesJsonl, onSelect: () => onExport('jsonl') },
      ]}
    />
  );
}
