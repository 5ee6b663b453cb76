/**
 * The Services tab: Windows services or systemd units (the `services` query, read when the tab
 * opens, every few seconds while it is shown and after each action) in a sortable, searchable grid;
 * Start, Stop, Restart from the toolbar and the context menu, and Go to details (Enter, or the
 * menu) selecting the service's process in Processes. A stop that would stop dependents asks first
 * (DependentsDialog); a refusal or a stop that timed out is said in plain words; "systemd is not
 * running" (why there are none) in the table's place. While the desktop app shows another machine,
 * the question and the feedback name it ("Stopped ssh on build-server.").
 */
import { useCallback, useMemo, useState } from 'react';
import type { ServiceRow } from '../../../src-shared/services.ts';
import { CommandFeedbackView } from '../../components/CommandFeedbackView.tsx';
import { ContextMenu } from '../../components/ContextMenu.tsx';
import { LocalGrid } from '../../components/LocalGrid.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { gridColumns, nextSort, sortRows, type TableSort } from '../../components/table-model.ts';
import { settle, useCommandFeedback } from '../../components/use-command-feedback.ts';
import { useApi, useAppStore, useStoreApi } from '../../store/store-context.tsx';
import { useRefreshedQuery } from '../../store/use-refreshed-query.ts';
import { strings } from '../../strings.ts';
import { showProcesses } from '../alerts/show-processes.ts';
import { onMachine } from '../machines/on-machine.ts';
import { DependentsDialog, type DependentsQuestion } from './DependentsDialog.tsx';
import { actionLabel, isActionOffered, serviceMenuItems, type ServiceAction } from './service-actions.ts';
import { byName, searchServices, SERVICE_COLUMNS } from './service-columns.ts';
import { servicesStrings as text } from './services-strings.ts';

const QUERY = { kind: 'services' } as const;
const serviceKey = (service: ServiceRow) => service.name;

export function ServicesTab() {
  const api = useApi();
  const store = useStoreApi();
  const { answer, reload } = useRefreshedQuery(QUERY);
  const feedback = useCommandFeedback();
  const machineName = useAppStore((s) => s.shell?.shownMachine?.name ?? null);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<TableSort>({ column: 'name', direction: 'ascending' });
  const [focusedName, setFocusedName] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [question, setQuestion] = useState<DependentsQuestion | null>(null);
  const view = answer?.ok ? answer.value : null;
  const rows = useMemo(() => sortRows(searchServices(view?.services ?? [], search), SERVICE_COLUMNS, sort, byName), [view, search, sort]);
  const columns = useMemo(() => gridColumns(SERVICE_COLUMNS, sort), [sort]);
  const focused = view?.services.find((s) => s.name === focusedName) ?? null;
  const closeMenu = useCallback(() => setMenu(null), []);

  const goToDetails = (service: ServiceRow) => {
    const row = store.getState().snapshot?.processes.find((p) => p.pid === service.pid && p.startTimeMs === service.startTimeMs);
    if (row && showProcesses(store, [row])) return;
    feedback.report(text.goToDetails, { ok: false, code: 'NOT_FOUND', message: text.processGone(service.displayName, service.pid ?? 0) });
  };

  /** Stop or restart; NEEDS_CONFIRMATION asks (naming the dependents) instead of saying it failed. */
  const stopOrRestart = async (action: 'stop' | 'restart', { name, displayName }: Pick<ServiceRow, 'name' | 'displayName'>, isDependentsConfirmed: boolean) => {
    const args = isDependentsConfirmed ? { name, isDependentsConfirmed } : { name };
    const isRestart = action === 'restart';
    const named = onMachine(displayName, machineName);
    feedback.setPending(isRestart ? text.restarting(named) : text.stopping(named));
    const result = await settle(() => (isRestart ? api.restartService(args) : api.stopService(args)));
    if (!result.ok && result.code === 'NEEDS_CONFIRMATION') {
      feedback.dismissToast();
      setQuestion({ action, name, displayName, message: result.message });
    } else feedback.report(onMachine(actionLabel(action), machineName), result, { done: isRestart ? text.restarted(named) : text.stopped(named) });
    reload();
  };

  const act = (action: ServiceAction) => {
    const service = focused;
    if (!service) return;
    if (action === 'goToDetails') return goToDetails(service);
    if (action === 'start') {
      const named = onMachine(service.displayName, machineName);
      const texts = { pending: text.starting(named), done: text.started(named) };
      return void feedback.send(onMachine(text.start, machineName), () => api.startService({ name: service.name }), texts).then(reload);
    }
    void stopOrRestart(action, service, false);
  };

  const confirmDependents = () => {
    if (question) void stopOrRestart(question.action, question, true);
    setQuestion(null);
  };

  const emptyMessage = answer === null ? strings.loading : !answer.ok ? answer.message : (view?.unavailableReason ?? (search.trim() === '' ? text.empty : text.noMatch));
  const button = (action: Exclude<ServiceAction, 'goToDetails'>) => (
    <button type="button" disabled={!focused || !isActionOffered(action, focused)} onClick={() => act(action)}>
      {actionLabel(action)}
    </button>
  );
  return (
    <div className="tab-panel-body services">
      <div className="toolbar" role="toolbar" aria-label={text.toolbar}>
        <SearchBox label={strings.search} placeholder={text.searchPlaceholder} value={search} onChange={setSearch} />
        {button('start')}
        {button('stop')}
        {button('restart')}
      </div>
      {view?.unavailableReason ? <p className="notice">{view.unavailableReason}</p> : null}
      <CommandFeedbackView feedback={feedback} />
      <LocalGrid
        label={text.tableName}
        columns={columns}
        rows={rows}
        rowKey={serviceKey}
        flexColumnId="description"
        onSort={(id) => setSort((s) => nextSort(s, id, SERVICE_COLUMNS))}
        onFocusedChange={setFocusedName}
        onActivate={(key) => {
          const service = view?.services.find((s) => s.name === key);
          if (service && isActionOffered('goToDetails', service)) goToDetails(service);
        }}
        onContextMenu={(key, x, y) => {
          setFocusedName(key);
          setMenu({ x, y });
        }}
        emptyMessage={emptyMessage}
      />
      {menu && focused ? <ContextMenu label={text.tableName} x={menu.x} y={menu.y} items={serviceMenuItems(focused, act)} onClose={closeMenu} /> : null}
      {question ? <DependentsDialog question={question} machineName={machineName} onConfirm={confirmDependents} onCancel={() => setQuestion(null)} /> : null}
    </div>
  );
}
