/**
 * The Alerts panel (lazily loaded when the bell is first pressed): the active and past alerts,
 * each leading to its process and, through time travel, to its moment; the rules with their
 * states; and the dialogs over it (the rule editor, the arm and delete questions), drawn beside
 * the panel rather than inside it so Escape closes only the one on top.
 */
import { useState } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { useAppStore } from '../../store/store-context.tsx';
import { AlertsSection } from './AlertsSection.tsx';
import { alertsStrings as text } from './alerts-strings.ts';
import { ArmDialog } from './ArmDialog.tsx';
import { DeleteRuleDialog } from './DeleteRuleDialog.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { RulesSection, type PanelDialog } from './RulesSection.tsx';
import './alerts.css';

export default function AlertsPanel() {
  const close = useAppStore((s) => s.closeAlerts);
  const [dialog, setDialog] = useState<PanelDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string | null) => {
    setDialog(null);
    if (message !== null) setNotice(message);
  };
  return (
    <>
      <Dialog
        role="dialog"
        className="alerts-panel"
        title={text.title}
        onCancel={close}
        initialFocus="[role='grid']"
        actions={
          <button type="button" onClick={close}>
            {text.close}
          </button>
        }
      >
        <AlertsSection />
        <RulesSection onDialog={setDialog} notice={notice} />
      </Dialog>
      {dialog?.kind === 'edit' ? <RuleEditor form={dialog.form} isNew={dialog.isNew} onDone={done} /> : null}
      {dialog?.kind === 'arm' ? <ArmDialog rule={dialog.rule} onDone={done} /> : null}
      {dialog?.kind === 'delete' ? <DeleteRuleDialog rule={dialog.rule} onDone={done} /> : null}
    </>
  );
}
