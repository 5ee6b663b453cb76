/**
 * History's choices in Settings: whether command lines are recorded (the user's own processes; other
 * accounts', off by default since they can hold others' secrets), and "Delete all history…" after
 * a confirmation. Both are commands (control only): a refusal (a view-only host, history off) is
 * shown with its reason. After a change the status is read again (the host pushes it too).
 */
import { useState } from 'react';
import type { CommandResult } from '../../../src-shared/commands.ts';
import type { HistorySettings } from '../../../src-shared/query.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { historyStrings } from '../../history-strings.ts';
import { useApi } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';

interface Props {
  settings: HistorySettings;
  onChanged(): Promise<unknown>;
}

const TOGGLES: readonly { key: keyof HistorySettings; label: string }[] = [
  { key: 'isRecordingOwnCommandLines', label: historyStrings.recordOwnCommandLines },
  { key: 'isRecordingOthersCommandLines', label: historyStrings.recordOthersCommandLines },
];

export function HistoryControls({ settings, onChanged }: Props) {
  const api = useApi();
  const [outcome, setOutcome] = useState<{ text: string; isRefusal: boolean } | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const settle = async (result: CommandResult, done: string | null) => {
    if (!result.ok) return setOutcome({ text: historyStrings.refused(result.message), isRefusal: true });
    setOutcome(done === null ? null : { text: done, isRefusal: false });
    await onChanged();
  };
  const deleteAll = async () => {
    setConfirming(false);
    await settle(await api.deleteHistory({ scope: 'everything' }), historyStrings.deleted);
  };
  return (
    <>
      {TOGGLES.map(({ key, label }) => (
        <label key={key}>
          <input type="checkbox" checked={settings[key]} onChange={(event) => void api.setHistorySettings({ [key]: event.currentTarget.checked }).then((r) => settle(r, null))} />
          {label}
        </label>
      ))}
      <p className="hint">{historyStrings.othersHint}</p>
      <button type="button" onClick={() => setConfirming(true)}>
        {historyStrings.deleteAll}
      </button>
      {outcome ? <p role={outcome.isRefusal ? 'alert' : 'status'}>{outcome.text}</p> : null}
      {isConfirming ? (
        <Dialog
          role="alertdialog"
          title={historyStrings.deleteTitle}
          description={historyStrings.deleteText}
          onCancel={() => setConfirming(false)}
          initialFocus=".dialog-cancel"
          actions={
            <>
              <button type="button" className="danger" onClick={() => void deleteAll()}>
                {historyStrings.deleteConfirm}
              </button>
              <button type="button" className="dialog-cancel" onClick={() => setConfirming(false)}>
                {strings.confirm.cancel}
              </button>
            </>
          }
        />
      ) : null}
    </>
  );
}
