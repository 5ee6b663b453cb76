/**
 * "End task" / "End process tree" asks first (`alertdialog`): it names the process, the app or how
 * many processes it ends (listing the first few), and says what will be lost, more strongly for a
 * system process, and names the machine when the desktop app shows another one. Cancel has the
 * focus. The words are confirm-wording.ts's.
 */
import { Dialog } from '../../components/Dialog.tsx';
import { strings } from '../../strings.ts';
import { endWording, type EndRequest } from './confirm-wording.ts';

export type { EndRequest } from './confirm-wording.ts';

interface ConfirmEndDialogProps {
  request: EndRequest;
  /** The machine shown when it is not this computer (ShellState.shownMachine), else null. */
  machineName?: string | null;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmEndDialog({ request, machineName = null, onConfirm, onCancel }: ConfirmEndDialogProps) {
  const wording = endWording(request, machineName);
  const actionLabel = request.kind === 'endTree' ? strings.menu.endTree : strings.menu.endTask;
  return (
    <Dialog
      role="alertdialog"
      title={wording.title}
      description={
        <>
          {wording.listHeading !== null ? (
            <>
              <p>{wording.listHeading}</p>
              <ul className="confirm-list">
                {wording.listed.map((name) => (
                  <li key={name}>{name}</li>
                ))}
                {wording.more !== null ? <li className="confirm-more">{wording.more}</li> : null}
              </ul>
            </>
          ) : null}
          <p>{wording.loss}</p>
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
