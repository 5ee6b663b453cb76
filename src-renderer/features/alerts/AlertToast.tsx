/** An alert that fired while the page watched, as a toast (components/ToastView.tsx) with its message, above the actions' toasts. */
import { ToastView } from '../../components/ToastView.tsx';
import { useAppStore } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';

export function AlertToast() {
  const alert = useAppStore((s) => s.alertToast);
  const dismiss = useAppStore((s) => s.dismissAlertToast);
  if (alert === null) return null;
  // Keyed by the alert: a new one starts its own time, its clear or outcomes do not.
  return (
    <div className="alert-toast">
      <ToastView key={alert.id} id={0} text={strings.alertToast(alert.ruleName, alert.message)} onDismiss={dismiss} />
    </div>
  );
}
