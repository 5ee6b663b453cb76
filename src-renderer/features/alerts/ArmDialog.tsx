/**
 * "Arm this rule?": an alert dialog naming the rule's match, its actions and the processes it
 * would act on now (arm-preview.ts), then saves it with `armed: true`. A refusal (CONTROL_DISABLED
 * over a view-only host) is said in the dialog, in plain words.
 */
import { useState } from 'react';
import type { Rule } from '../../../src-shared/alerts.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useApi, useAppStore } from '../../store/store-context.tsx';
import { armPreview } from './arm-preview.ts';
import { alertsStrings as text } from './alerts-strings.ts';
import { saveRule } from './rule-commands.ts';

export function ArmDialog({ rule, onDone }: { rule: Rule; onDone(message: string | null): void }) {
  const api = useApi();
  const snapshot = useAppStore((s) => s.snapshot);
  const platform = useAppStore((s) => s.shell?.platform ?? null);
  // The processes of the moment the dialog opened: the list does not move under the user's eyes.
  const [preview] = useState(() => armPreview(rule, snapshot, platform));
  const [refusal, setRefusal] = useState<string | null>(null);
  const arm = async () => {
    const result = await saveRule(api, { ...rule, armed: true });
    if (result.ok) onDone(text.saved(rule.name));
    else setRefusal(text.refused(result.message));
  };
  return (
    <Dialog
      role="alertdialog"
      title={text.armTitle(rule.name)}
      description={
        <>
          <p>{text.armMatch(preview.match)}</p>
          <p>{text.armActions(preview.actions)}</p>
          <p>{text.armNow(preview.count)}</p>
        </>
      }
      onCancel={() => onDone(null)}
      initialFocus="[data-cancel]"
      actions={
        <>
          <button type="button" className="danger" onClick={() => void arm()}>
            {text.armConfirm}
          </button>
          <button type="button" data-cancel="" onClick={() => onDone(null)}>
            {text.cancel}
          </button>
        </>
      }
    >
      {preview.listed.length > 0 ? (
        <ul className="confirm-list" aria-label={text.armNow(preview.count)}>
          {preview.listed.map((name) => (
            <li key={name}>{name}</li>
          ))}
          {preview.more > 0 ? <li className="confirm-more">{text.armMore(preview.more)}</li> : null}
        </ul>
      ) : null}
      <p>{text.armSpared(rule.anyUser)}</p>
      {refusal === null ? null : (
        <p role="alert" className="warning">
          {refusal}
        </p>
      )}
    </Dialog>
  );
}
