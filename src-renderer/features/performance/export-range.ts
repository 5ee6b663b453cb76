/**
 * "Export this range": the machine-wide figures of the span the charts show, read again from the
 * history store at the step they are drawn at (the page keeps only chart points), as CSV or JSON
 * Lines in the host's format (src-shared/export-format.ts `SYSTEM_COLUMNS`, docs/export.md), saved
 * the way the Processes view's export is. Loaded when first used.
 */
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import { EXPORT_CONTENT_TYPES, exportFileName, formatRows, SYSTEM_COLUMNS, type ExportFormat } from '../../../src-shared/export-format.ts';
import type { Failure } from '../../../src-shared/results.ts';
import { downloadFile, type ExportFile } from '../processes/export-processes.ts';

export interface SeriesQuery {
  kind: 'historySeries';
  fromMs: number;
  toMs: number;
  stepMs: number;
}

/** What is shown: the span (ms since the epoch) and the query that reads it (its ends on whole steps, so a little wider). */
export interface ShownRange {
  fromMs: number;
  toMs: number;
  query: SeriesQuery;
}

/** The points within the shown span as a file named by its ends, oldest first; or why not. */
export async function rangeExport(api: Pick<TaskManagerApi, 'query'>, shown: ShownRange, format: ExportFormat): Promise<ExportFile | Failure> {
  const result = await api.query(shown.query);
  if (!result.ok) return result;
  const points = result.value.points.filter((p) => p.takenAtMs >= shown.fromMs && p.takenAtMs <= shown.toMs).sort((a, b) => a.takenAtMs - b.takenAtMs);
  return { text: formatRows(format, SYSTEM_COLUMNS, points), fileName: exportFileName('system', format, shown.fromMs, shown.toMs), contentType: EXPORT_CONTENT_TYPES[format] };
}

/** Exports and saves; answers why it could not, or null. */
export async function exportRange(api: Pick<TaskManagerApi, 'query'>, shown: ShownRange, format: ExportFormat): Promise<string | null> {
  try {
    const file = await rangeExport(api, shown, format);
    if ('ok' in file) return file.message;
    downloadFile(file);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
