/**
 * A command's failure, said in plain words (`role="alert"`) until the user dismisses it or the
 * view replaces it: the Processes and Apps tabs' refusals, and the Startup apps and Services tabs'.
 */
import { strings } from '../strings.ts';

export function NoticeView({ text, onDismiss }: { text: string; onDismiss(): void }) {
  return (
    <p role="alert" className="notice">
      {text}
      <button type="button" className="notice-dismiss" aria-label={strings.dismiss} onClick={onDismiss}>
        ×
      </button>
    </p>
  );
}
