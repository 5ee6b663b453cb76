/** A page's command outcome (use-command-feedback.ts): the refusal's notice and the success toast. */
import { NoticeView } from './NoticeView.tsx';
import { ToastView } from './ToastView.tsx';
import type { CommandFeedback } from './use-command-feedback.ts';

export function CommandFeedbackView({ feedback }: { feedback: CommandFeedback }) {
  return (
    <>
      {feedback.notice ? <NoticeView text={feedback.notice} onDismiss={feedback.dismissNotice} /> : null}
      {feedback.toast ? <ToastView id={feedback.toast.id} text={feedback.toast.text} onDismiss={feedback.dismissToast} /> : null}
    </>
  );
}
