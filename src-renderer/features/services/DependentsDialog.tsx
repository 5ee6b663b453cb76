/**
 * Asked before a stop or restart that stops other services too (the command answered
 * NEEDS_CONFIRMATION): the host's message, which names the services that depend on it, and "Stop
 * all" (or "Restart all"), which sends it again confirmed. An alertdialog: it stops more than asked.
 * Names the machine when the desktop app shows another one.
 */
import { Dialog } from '../../components/Dialog.tsx';
import { onMachine } from '../machines/on-machine.ts';
import { servicesStrings as text } from './services-strings.ts';

export interface DependentsQuestion {
  action: 'stop' | 'restart';
  name: string;
  displayName: string;
  /** The host's words, naming the dependents. */
  message: string;
}

interface DependentsDialogProps {
  question: DependentsQuestion;
  /** The machine shown when it is not this computer (ShellState.shownMachine), else null. */
  machineName: string | null;
  onConfirm(): void;
  onCancel(): void;
}

export function DependentsDialog({ question, machineName, onConfirm, onCancel }: DependentsDialogProps) {
  const isRestart = question.action === 'restart';
  return (
    <Dialog
      role="alertdialog"
      title={text.dependentsTitle(onMachine(question.displayName, machineName), isRestart)}
      description={<p>{question.message}</p>}
      onCancel={onCancel}
      initialFocus=".dialog-cancel"
      actions={
        <>
          <button type="button" onClick={onConfirm}>
            {isRestart ? text.restartAll : text.stopAll}
          </button>
          <button type="button" className="dialog-cancel" onClick={onCancel}>
            {text.cancel}
          </button>
        </>
      }
    />
  );
}
