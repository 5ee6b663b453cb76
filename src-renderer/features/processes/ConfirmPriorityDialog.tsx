/**
 * High and Realtime priority ask first, with Task Manager's warning (Realtime with a stronger one):
 * they can take the processor from everything else. Cancel has the focus. Names the machine when
 * the desktop app shows another one.
 */
import { Dialog } from '../../components/Dialog.tsx';
import { formatCount } from '../../format.ts';
import { strings } from '../../strings.ts';
import { onMachine } from '../machines/on-machine.ts';
import type { PriorityRequest } from './use-process-actions.ts';

interface ConfirmPriorityDialogProps {
  request: PriorityRequest;
  /** The machine shown when it is not this computer, else null. */
  machineName?: string | null;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmPriorityDialog({ request, machineName = null, onConfirm, onCancel }: ConfirmPriorityDialogProps) {
  const first = request.targets[0];
  const named = request.targets.length === 1 && first ? `${first.name} (PID ${first.pid})` : strings.confirm.manyProcesses(formatCount(request.targets.length));
  const what = onMachine(named, machineName);
  return (
    <Dialog
      role="alertdialog"
      title={strings.priorityConfirm.title(what)}
      description={
        <>
          <p>
            {strings.menu.setPriority}: {strings.priorities[request.priority]}
          </p>
          <p>{strings.priorityConfirm.warning}</p>
          {request.priority === 'realtime' ? <p className="warning">{strings.priorityConfirm.realtimeWarning}</p> : null}
        </>
      }
      onCancel={onCancel}
      initialFocus="[data-cancel]"
      actions={
        <>
          <button type="button" className="danger" onClick={onConfirm}>
            {strings.priorityConfirm.change}
          </button>
          <button type="button" data-cancel="" onClick={onCancel}>
            {strings.confirm.cancel}
          </button>
        </>
      }
    />
  );
}
