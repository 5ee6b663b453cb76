/**
 * "Delete usage history": asks first (an alert dialog: it can't be undone), then deletes the
 * per-app and per-process usage (`deleteHistory({ scope: 'usage' })`, control only) and reloads
 * the view; a refusal (a view-only page, history off) is said with its reason.
 */
import { useState } from 'react';
import type { CommandResult } from '../../../src-shared/results.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useApi } from '../../store/store-context.tsx';
import { appHistoryStrings } from './app-history-strings.ts';
import { deleteRefusalText } from './usage-messages.ts';

export function DeleteUsage({ onDeleted }: { onDeleted(): void }) {
  const api = useApi();
  const [isAsking, setIsAsking] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const text = appHistoryStrings;
  const remove = async () => {
    setIsAsking(false);
    let result: CommandResult;
    try {
      result = await api.deleteHistory({ scope: 'usage' });
    } catch (error) {
      result = { ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
    }
    setOutcome(result.ok ? text.deleted : deleteRefusalText(result));
    if (result.ok) onDeleted();
  };
  return (
    <>
      <button type="button" onClick={() => setIsAsking(true)}>
        {text.deleteUsage}
      </button>
      <span role="status" className="app-history-outcome">
        {outcome}
      </span>
      {isAsking ? (
        <Dialog
          role="alertdialog"
          title={text.deleteTitle}
          description={<p>{text.deleteText}</p>}
          onCancel={() => setIsAsking(false)}
          initialFocus="[data-cancel]"
          actions={
            <>
              <button type="button" className="danger" onClick={() => void remove()}>
                {text.deleteConfirm}
              </button>
              <button type="button" data-cancel="" onClick={() => setIsAsking(false)}>
                {text.cancel}
              </button>
            </>
          }
        />
      ) : null}
    </>
  );
}
