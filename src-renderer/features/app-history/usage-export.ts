/**
 * What App history and Top consumers show, as a file: the rows as shown, in the host's export
 * format (src-shared/export-format.ts; docs/export.md), named by the range's ends (ms since the
 * epoch). Loaded when a user exports, with the Processes export's download.
 */
import { EVENT_COLUMNS, EXPORT_CONTENT_TYPES, exportFileName, formatRows, GROUP_USAGE_COLUMNS, PROCESS_USAGE_COLUMNS, type ExportFormat } from '../../../src-shared/export-format.ts';
import type { GroupUsage, HistoryEvent, ProcessUsage } from '../../../src-shared/query.ts';
import type { UsageRange } from '../../store/usage-slice.ts';
import type { ExportFile } from '../processes/export-processes.ts';


/** What can be exported: App history's table, Top consumers' processes and apps, the events. */
export type UsageExport =
  | { what: 'apps'; rows: readonly GroupUsage[] }
  | { what: 'top'; rows: readonly ProcessUsage[] }
  | { what: 'top-apps'; rows: readonly GroupUsage[] }
  | { what: 'events'; rows: readonly HistoryEvent[] };

export function usageExport(shown: UsageExport, format: ExportFormat, range: UsageRange): ExportFile {
  const text =
    shown.what === 'top'
      ? formatRows(format, PROCESS_USAGE_COLUMNS, shown.rows)
      : shown.what === 'events'
        ? formatRows(format, EVENT_COLUMNS, shown.rows)
        : formatRows(format, GROUP_USAGE_COLUMNS, shown.rows);
  return { text, fileName: exportFileName(shown.what, format, range.fromMs, range.toMs), contentType: EXPORT_CONTENT_TYPES[format] };
}

