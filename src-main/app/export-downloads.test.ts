import type { SaveDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../src-shared/export-format.ts';
import { exportFormatOf, handleExportDownloads, isOwnBlobUrl, saveDialogOptionsFor, type DownloadItemLike, type DownloadSessionLike } from './export-downloads.ts';

/** A DownloadItem that records what the handler asked of it. */
class FakeDownloadItem implements DownloadItemLike {
  dialogOptions: SaveDialogOptions | null = null;
  private onDone: ((event: unknown, state: 'completed' | 'cancelled' | 'interrupted') => void) | null = null;
  private readonly url: string;
  private readonly fileName: string;
  constructor(url: string, fileName: string) {
    this.url = url;
    this.fileName = fileName;
  }
  getURL(): string {
    return this.url;
  }
  getFilename(): string {
    return this.fileName;
  }
  setSaveDialogOptions(options: SaveDialogOptions): void {
    this.dialogOptions = options;
  }
  once(_event: 'done', listener: (event: unknown, state: 'completed' | 'cancelled' | 'interrupted') => void): this {
    this.onDone = listener;
    return this;
  }
  finish(state: 'completed' | 'cancelled' | 'interrupted'): void {
    this.onDone?.({}, state);
  }
}

/** A session that hands each download to the handler, as Electron's 'will-download' does. */
function fakeSession() {
  let listener: Parameters<DownloadSessionLike['on']>[1] | null = null;
  const session: DownloadSessionLike = { on: (_event, handler) => (listener = handler) };
  const logged: string[] = [];
  handleExportDownloads(session, { downloadsDir: () => '/home/me/Downloads', log: (line) => logged.push(line) });
  return {
    logged,
    /** Starts a download; true when the handler cancelled it (preventDefault). */
    download(item: FakeDownloadItem): boolean {
      let isCancelled = false;
      listener?.({ preventDefault: () => void (isCancelled = true) }, item);
      return isCancelled;
    },
  };
}

const OWN_BLOB = 'blob:app://taskmgr/6f0c0a1e-1b2c-4d5e-8f90-123456789abc';
const T = 1_795_321_798_140;

describe('exportFormatOf', () => {
  it.each([
    [exportFileName('processes', 'csv', T), 'csv'],
    [exportFileName('system', 'jsonl', T, T + 60_000), 'jsonl'],
    [exportFileName('history-status', 'csv'), 'csv'],
    [exportFileName('top', 'jsonl', T, T + 1), 'jsonl'],
    ['taskmgr-processes-1.exe', null],
    ['taskmgr-processes-1.csv.exe', null],
    ['report.csv', null],
    ['taskmgr-processes-1.CSV', null],
    ['../taskmgr-processes-1.csv', null],
    ['taskmgr-processes-1-2-3.csv', null],
  ])('%s → %s', (name, format) => {
    expect(exportFormatOf(name)).toBe(format);
  });
});

describe('isOwnBlobUrl', () => {
  it.each([
    [OWN_BLOB, true],
    ['blob:app://taskmgr.evil/6f0c', false],
    ['blob:https://example.com/6f0c', false],
    ['https://example.com/taskmgr-processes-1.csv', false],
    ['app://taskmgr/index.html', false],
    ['data:text/csv,a', false],
  ])('%s → %s', (url, expected) => {
    expect(isOwnBlobUrl(url)).toBe(expected);
  });
});

describe('saveDialogOptionsFor', () => {
  it('names the file in the Downloads folder and offers its format first, then any file', () => {
    expect(saveDialogOptionsFor('taskmgr-processes-1.jsonl', 'jsonl', '/home/me/Downloads')).toEqual({
      title: 'Save export',
      defaultPath: '/home/me/Downloads/taskmgr-processes-1.jsonl',
      filters: [
        { name: 'JSON Lines', extensions: ['jsonl'] },
        { name: 'All files', extensions: ['*'] },
      ],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });
});

describe('handleExportDownloads', () => {
  it('an export of the page opens a Save dialog with its name and format, and never sets where to write', () => {
    const { download } = fakeSession();
    const item = new FakeDownloadItem(OWN_BLOB, exportFileName('processes', 'csv', T));
    expect(download(item)).toBe(false);
    expect(item.dialogOptions).toMatchObject({ defaultPath: `/home/me/Downloads/taskmgr-processes-${T}.csv`, filters: [{ extensions: ['csv'] }, { extensions: ['*'] }] });
    // FakeDownloadItem has no setSavePath: had the handler called one, this test would have thrown.
    expect('setSavePath' in item).toBe(false);
  });

  it.each([
    ['a file from another site', 'https://example.com/taskmgr-processes-1.csv', 'taskmgr-processes-1.csv'],
    ['a Blob of another origin', 'blob:https://example.com/6f0c', 'taskmgr-processes-1.csv'],
    ['a Blob of ours that is not an export', OWN_BLOB, 'setup.exe'],
  ])('cancels %s, and says so', (_name, url, fileName) => {
    const { download, logged } = fakeSession();
    const item = new FakeDownloadItem(url, fileName);
    expect(download(item)).toBe(true);
    expect(item.dialogOptions).toBeNull();
    expect(logged).toEqual([expect.stringContaining('blocked a download that is not an export')]);
  });

  it('logs a save that failed, and nothing when it completed or the user cancelled', () => {
    const { download, logged } = fakeSession();
    const saved = new FakeDownloadItem(OWN_BLOB, 'taskmgr-events-1-2.csv');
    const dropped = new FakeDownloadItem(OWN_BLOB, 'taskmgr-apps-1-2.csv');
    const failed = new FakeDownloadItem(OWN_BLOB, 'taskmgr-top-1-2.jsonl');
    for (const item of [saved, dropped, failed]) download(item);
    saved.finish('completed');
    dropped.finish('cancelled');
    failed.finish('interrupted');
    expect(logged).toEqual(['export: saving taskmgr-top-1-2.jsonl failed']);
  });
});
