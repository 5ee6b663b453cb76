/**
 * The toolbar's Export menu button (components/MenuButton.tsx): the formats the current view can
 * be saved in.
 */
import type { ExportFormat } from '../../../src-shared/export-format.ts';
import { MenuButton } from '../../components/MenuButton.tsx';
import { strings } from '../../strings.ts';

export function ExportMenu({ onExport }: { onExport(format: ExportFormat): void }) {
  return (
    <MenuButton
      label={strings.exportMenu.button}
      items={[
        { id: 'export-csv', label: strings.exportMenu.processesCsv, onSelect: () => onExport('csv') },
        { id: 'export-jsonl', label: strings.exportMenu.processesJsonl, onSelect: () => onExport('jsonl') },
      ]}
    />
  );
}
