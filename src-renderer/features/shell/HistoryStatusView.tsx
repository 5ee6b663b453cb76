/**
 * Settings' "History" section: whether the host records history (or why it does not: off, paused),
 * what it holds and its size. Read when Settings opens (a query: a view-only page may ask).
 */
import { useEffect, useState } from 'react';
import type { HistoryStatus } from '../../../src-shared/query.ts';
import { useApi } from '../../store/store-context.tsx';
import { historyStrings } from '../../history-strings.ts';
import { strings } from '../../strings.ts';
import { historyStatusLines } from './history-status.ts';

export function HistoryStatusView() {
  const api = useApi();
  const [status, setStatus] = useState<HistoryStatus | string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    api.query({ kind: 'historyStatus' }).then(
      (result) => isCurrent && setStatus(result.ok ? result.value : historyStrings.statusFailed(result.message)),
      (error: unknown) => isCurrent && setStatus(historyStrings.statusFailed(error instanceof Error ? error.message : String(error))),
    );
    return () => {
      isCurrent = false;
    };
  }, [api]);
  const lines = status === null ? [strings.loading] : typeof status === 'string' ? [status] : historyStatusLines(status);
  return (
    <fieldset className="history-status">
      <legend>{historyStrings.status}</legend>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </fieldset>
  );
}
