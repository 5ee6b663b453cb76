/** "Delete the rule?": an alert dialog (it can't be undone); a refusal of the host is said in it. */
import { useState } from 'react';
import type { Rule } from '../../../src-shared/alerts.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useApi } from '../../store/store-context.tsx';
import { alertsStrings as text } from './alerts-strings.ts';
import { deleteRule } from './rule-commands.ts';

export function DeleteRuleDialog({ rule, onDone }: { rule: Rule; onDone(message: string | null): void }) {
  const api = useApi();
  const [refusal, setRefusal] = useState<string | null>(null);
  const remove = async () => {
    const result = await deleteRule(api, rule.id);
    if (result.ok) onDone(null);
    else setRefusal(text.refused(result.message));
  };
  return (
    <Dialog
      role="alertdialog"
      title={text.deleteTitle(rule.name)}
      description={<p>{text.deleteText}</p>}
      onCancel={() => onDone(null)}
      initialFocus="[data-cancel]"
      actions={
        <>
          <button type="button" className="danger" onClick={() => void remove()}>
            {text.deleteConfirm}
          </button>
          <button type="button" data-cancel="" onClick={() => onDone(null)}>
            {text.cancel}
          </button>
        </>
      }
    >
      {refusal === null ? null : (
        <p role="alert" className="warning">
          {refusal}
        </p>
      )}
    </Dialog>
  );
}
