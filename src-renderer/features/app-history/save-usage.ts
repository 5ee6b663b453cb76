/**
 * Saves what App history or Top consumers shows as a download; the formats and the download load
 * on first use (usage-export.ts, and the Processes export's download), as the Processes export does.
 */
import type { ExportFormat } from '../../../src-shared/export-format.ts';
import type { UsageRange } from '../../store/usage-slice.ts';
import type { UsageExport } from './usage-export.ts';

export function saveUsage(shown: UsageExport, format: ExportFormat, range: UsageRange): void {
  void Promise.all([import('./usage-export.ts'), import('../processes/export-processes.ts')]).then(([{ usageExport }, { downloadFile }]) =>
    downloadFile(usageExport(shown, format, range)),
  );
}
