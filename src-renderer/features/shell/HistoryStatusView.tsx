/**
 * Settings' "History" section: whether the host records history (or why not: off, paused,
 * read-only), its folder, what it holds and its size; a notice (a damaged file set aside) until
 * dismissed, once (the text dismissed is remembered in this browser's storage, so a reload or the
 * next start does not say it again); and the choices (HistoryControls). The status is the store's (pushed by the host as it
 * changes); it is asked again when Settings opens, since the size and what is held grow without a
 * push. A query: a view-only page may ask.
 */
import { useEffect, useState } from 'react';
import type { StoreApi } from 'zustand';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import { historyStrings } from '../../history-strings.ts';
import { useApi, useAppStore, useStoreApi } from '../../store/store-context.tsx';
import type { Store } from '../../store/store.ts';
import { strings } from '../../strings.ts';
import { HistoryControls } from './HistoryControls.tsx';
import { historyStatusLines } from './history-status.ts';

/** Asks the host for history's status and keeps it in the store; answers why it could not, or null. */
export async function readHistoryStatus(api: Pick<TaskManagerApi, 'query'>, store: StoreApi<Store>): Promise<string | null> {
  try {
    const result = await api.query({ kind: 'historyStatus' });
    if (!result.ok) return historyStrings.statusFailed(result.message);
    store.getState().ingestHistoryStatus(result.value);
    return null;
  } catch (error) {
    return historyStrings.statusFailed(error instanceof Error ? error.message : String(error));
  }
}

/** Where the dismissed notice's text is remembered (not a setting: settings.ts need not parse it). */
export const DISMISSED_NOTICE_KEY = 'taskmgr.history.dismissedNotice.v1';

function readDismissedNotice(): string | null {
  try {
    return window.localStorage.getItem(DISMISSED_NOTICE_KEY);
  } catch {
    return null; // storage denied: dismissed for this view only
  }
}

function writeDismissedNotice(notice: string): void {
  try {
    window.localStorage.setItem(DISMISSED_NOTICE_KEY, notice);
  } catch {
    // storage full or denied: dismissed for this view only
  }
}

export function HistoryStatusView() {
  const api = useApi();
  const store = useStoreApi();
  const status = useAppStore((s) => s.historyStatus);
  const [dismissed, setDismissed] = useState(readDismissedNotice);
  const dismiss = (notice: string) => {
    setDismissed(notice);
    writeDismissedNotice(notice);
  };
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void readHistoryStatus(api, store).then((text) => isCurrent && setFailure(text));
    return () => {
      isCurrent = false;
    };
  }, [api, store]);
  const lines = status === null ? [failure ?? strings.loading] : historyStatusLines(status);
  const notice = status?.notice ?? null;
  return (
    <fieldset className="history-status">
      <legend>{historyStrings.status}</legend>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {notice !== null && notice !== dismissed ? (
        <p role="alert" className="notice">
          {notice}
          <button type="button" className="notice-dismiss" onClick={() => dismiss(notice)}>
            {strings.dismiss}
          </button>
        </p>
      ) : null}
      {status === null ? null : <HistoryControls settings={status.settings} onChanged={() => readHistoryStatus(api, store)} />}
    </fieldset>
  );
}
