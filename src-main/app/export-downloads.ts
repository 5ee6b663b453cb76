/**
 * Exports in the desktop app: the page saves a file the way a browser does (a Blob and an
 * `<a download>`, src-renderer/features/processes/export-processes.ts), and the session's
 * `will-download` turns it into a Save dialog, named and filtered for the format, opened in the
 * Downloads folder. Nothing is written until the user picks where: a save path is never set here,
 * and Electron shows its Save dialog for a download that has none (electron_download_manager_delegate:
 * "Show save dialog if save path was not set already on item"), with the options given here.
 * Only our page's own exports are downloads at all: a download from anywhere else, or of a file
 * that is not an export, is cancelled (a compromised page gets no way to drop other files).
 */
import type { SaveDialogOptions } from 'electron';
import path from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../src-shared/export-format.ts';
import { APP_ORIGIN } from './app-identity.ts';

/** What this module uses of Electron's DownloadItem (tests pass a fake). */
export interface DownloadItemLike {
  getURL(): string;
  getFilename(): string;
  setSaveDialogOptions(options: SaveDialogOptions): void;
  once(event: 'done', listener: (event: unknown, state: 'completed' | 'cancelled' | 'interrupted') => void): unknown;
}

export interface DownloadSessionLike {
  on(event: 'will-download', listener: (event: { preventDefault(): void }, item: DownloadItemLike) => void): unknown;
}

/** An export's file name (src-shared/export-format.ts `exportFileName`): `taskmgr-<what>[-<ms>…].csv|jsonl`. */
const EXPORT_NAME = /^taskmgr-[a-z]+(?:-[a-z]+)*(?:-\d{1,16}){0,2}\.([a-z]+)$/;

const FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (comma-separated values)', extensions: ['csv'] },
  jsonl: { name: 'JSON Lines', extensions: ['jsonl'] },
};

/** The format of an export's file name, or null for a name that is not one. */
export function exportFormatOf(fileName: string): ExportFormat | null {
  const extension = EXPORT_NAME.exec(fileName)?.[1];
  return EXPORT_FORMATS.find((format) => format === extension) ?? null;
}

/** Whether the download is a Blob our own page made (`blob:app://taskmgr/<uuid>`). */
export function isOwnBlobUrl(url: string): boolean {
  return url.startsWith(`blob:${APP_ORIGIN}/`);
}

/** The Save dialog of an export: its name in the Downloads folder, its format first, then any file. */
export function saveDialogOptionsFor(fileName: string, format: ExportFormat, downloadsDir: string): SaveDialogOptions {
  return {
    title: 'Save export',
    defaultPath: path.join(downloadsDir, fileName),
    filters: [FILTERS[format], { name: 'All files', extensions: ['*'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

export interface ExportDownloadOptions {
  /** The user's Downloads folder (`app.getPath('downloads')`), read at each download. */
  downloadsDir: () => string;
  log: (line: string) => void;
}

/** Every download of `session` becomes a Save dialog for an export, or is cancelled. */
export function handleExportDownloads(session: DownloadSessionLike, options: ExportDownloadOptions): void {
  session.on('will-download', (event, item) => {
    const url = item.getURL();
    const fileName = item.getFilename();
    const format = exportFormatOf(fileName);
    if (!isOwnBlobUrl(url) || format === null) {
      event.preventDefault();
      options.log(`blocked a download that is not an export of this app: ${url.slice(0, 200)} (${fileName.slice(0, 100)})`);
      return;
    }
    item.setSaveDialogOptions(saveDialogOptionsFor(fileName, format, options.downloadsDir()));
    item.once('done', (_event, state) => {
      if (state === 'interrupted') options.log(`export: saving ${fileName} failed`);
    });
  });
}
