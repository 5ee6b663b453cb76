/**
 * The Processes view as a file: the rows as the table shows them (sorted, filtered, collapsed
 * children left out) in the host's export format (src-shared/export-format.ts; docs/export.md), and
 * the browser's way to save it: a download of a Blob through a temporary link.
 */
import { EXPORT_CONTENT_TYPES, exportFileName, formatRows, PROCESS_COLUMNS, type ExportFormat } from '../../../src-shared/export-format.ts';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';

export interface ExportFile {
  text: string;
  fileName: string;
  contentType: string;
}

/** The rows shown, as a file named by the snapshot's time (ms since the epoch). */
export function processesExport(rows: readonly ProcessRow[], format: ExportFormat, takenAtMs: number): ExportFile {
  return { text: formatRows(format, PROCESS_COLUMNS, rows), fileName: exportFileName('processes', format, takenAtMs), contentType: EXPORT_CONTENT_TYPES[format] };
}

/**
 * Saves the file as a browser download. The object URL is revoked a while later, not at once:
 * some browsers (Firefox) read the Blob after the click has returned.
 */
export function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
