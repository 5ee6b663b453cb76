/**
 * The header's bell, "Alerts 2" (its name says it: "Alerts: 2 active"; no emoji, which a machine
 * without an emoji font draws as a box); Enter or a
 * click opens the Alerts panel, and focus comes back here when it closes (Dialog.tsx).
 */
import { useAppStore } from '../../store/store-context.tsx';
import { activeAlertCount } from '../../store/alerts-slice.ts';
import { strings } from '../../strings.ts';

export function AlertsBell() {
  const count = useAppStore(activeAlertCount);
  const open = useAppStore((s) => s.openAlerts);
  return (
    <button type="button" className="alerts-bell" aria-haspopup="dialog" aria-label={strings.alertsBell(count)} data-active={count > 0} onClick={open}>
      {strings.alertsBellText} <span className="alerts-count">{count}</span>
    </button>
  );
}
