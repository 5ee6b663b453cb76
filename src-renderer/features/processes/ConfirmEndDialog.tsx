/**
 * "End task" / "End process tree" asks first (`alertdialog`): it names the processes and says what
 * will be lost, more strongly for a system process. Cancel has the focus.
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { strings } from '../../strings.ts';

export interface EndRequest {
  kind: 'endTask' | 'endTree';
  targets: ProcessRow[];
  /** For a tree: how many descendants the first target has. */
  descendants: number;
  isSystem: boolean;
}

export function ConfirmEndDialog({ request, onConfirm, onCancel }: { request: EndRequest; onConfirm(): void; onCancel(): void }) {
  const first = request.targets[0];
  const what = request.targets.length === 1 && first ? `${first.name} (PID ${first.pid})` : strings.confirm.manyProcesses(request.targets.length);
  const actionLabel = request.kind === 'endTree' ? strings.menu.endTree : strings.menu.endTask;
  return (
    <Dialog
      role="alertdialog"
      title={request.kind === 'endTree' ? strings.confirm.endTreeTitle(what) : strings.confirm.endTaskTitle(what)}
      description={
        <>
          <p>{request.kind === 'endTree' ? strings.confirm.treeLoss(request.descendants) : strings.confirm.loss}</p>
          {request.isSystem ? <p className="warning">{strings.confirm.systemWarning}</p> : null}
        </>
      }
      onCancel={onCancel}
      initialFocus="[data-cancel]"
      actions={
        <>
          <button type="button" className="danger" onClick={onConfirm}>
            {actionLabel}
          </button>
          <button type="button" data-cancel="" onClick={onCancel}>
            {strings.confirm.cancel}
          </button>
        </>
      }
    />
  );
}
