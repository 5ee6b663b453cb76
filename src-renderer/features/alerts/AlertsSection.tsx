/**
 * Active and past alerts, each a grid (the rule, what it is about, its message, when it fired and
 * cleared, what its actions did); the toolbar acts on the alert focused in either: Show the
 * process (selected in Processes, if it still runs), Go to that moment (time travel to when it
 * fired, the existing Go-to-time path) and Keep suspended (a process its rule suspended is
 * otherwise resumed after 10 minutes).
 */
import { useCallback, useMemo, useState } from 'react';
import type { Alert } from '../../../src-shared/alerts.ts';
import { useApi, useAppStore, useStoreApi } from '../../store/store-context.tsx';
import { goToTime } from '../../store/time-travel.ts';
import { rowKey } from '../../store/view-slice.ts';
import { LocalGrid } from '../../components/LocalGrid.tsx';
import { runningTargets, sortedAlerts } from './alert-links.ts';
import { alertColumns, alertKey } from './alert-columns.ts';
import { alertsStrings as text } from './alerts-strings.ts';
import { keepSuspended, suspendedBy } from './rule-commands.ts';
import { showProcesses } from './show-processes.ts';

export function AlertsSection() {
  const api = useApi();
  const store = useStoreApi();
  const alerts = useAppStore((s) => s.alerts);
  const { active, recent } = useMemo(() => sortedAlerts(alerts), [alerts]);
  const liveSnapshot = useAppStore((s) => s.snapshot);
  const columns = useMemo(alertColumns, []);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const focused: Alert | undefined = useMemo(() => [...active, ...recent].find((a) => a.id === focusedId), [active, recent, focusedId]);
  const running = useMemo(() => (focused ? runningTargets(focused.subject, liveSnapshot) : []), [focused, liveSnapshot]);

  const showProcess = () => showProcesses(store, running);
  const goToMoment = () => {
    if (!focused) return;
    const state = store.getState();
    if (focused.subject.kind === 'process') state.select(rowKey(focused.subject.pid, focused.subject.startTimeMs), 'only');
    state.setActiveTab('processes');
    state.closeAlerts();
    void goToTime(api, store, focused.firedAtMs);
  };
  const onFocused = useCallback((key: string) => setFocusedId(key), []);
  const [outcome, setOutcome] = useState<string | null>(null);
  const suspended = focused ? suspendedBy(focused) : [];
  const keep = async () => {
    if (!focused) return;
    const result = await keepSuspended(api, focused);
    setOutcome(result.ok ? text.keptSuspended(suspended.map((t) => text.processSubject(t.name, t.pid)).join(', ')) : text.refused(result.message));
  };

  return (
    <section className="alerts-section">
      <h3>{text.active}</h3>
      <div className="alerts-grid">
        <LocalGrid label={text.active} columns={columns} rows={active} rowKey={alertKey} emptyMessage={text.noActive} flexColumnId="message" onFocusedChange={onFocused} />
      </div>
      <h3>{text.past}</h3>
      <div className="alerts-grid">
        <LocalGrid label={text.past} columns={columns} rows={recent} rowKey={alertKey} emptyMessage={text.noPast} flexColumnId="message" onFocusedChange={onFocused} />
      </div>
      <div className="alerts-toolbar">
        <button type="button" disabled={running.length === 0} title={focused && running.length === 0 ? text.processGone : undefined} onClick={showProcess}>
          {text.showProcess}
        </button>
        <button type="button" disabled={!focused} onClick={goToMoment}>
          {text.goToMoment}
        </button>
        <button type="button" disabled={suspended.length === 0} title={text.keepSuspendedHint} onClick={() => void keep()}>
          {text.keepSuspended}
        </button>
        <span role="status" className="alerts-notice">
          {outcome}
        </span>
      </div>
    </section>
  );
}
