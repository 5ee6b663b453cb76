/**
 * What the process commands show, the same on the Processes and Apps tabs: the failure notice
 * (dismissible), the questions asked first (End task, High/Realtime priority), the tool dialogs
 * (affinity, dump file, Run new task) and the toast. `actions` is `useProcessActions`' result.
 * While the desktop app shows another machine, the questions name it ("End chrome.exe on build-server?").
 */
import { lazy, Suspense, useEffect } from 'react';
import { NoticeView } from '../../components/NoticeView.tsx';
import { ToastView } from '../../components/ToastView.tsx';
import { useAppStore } from '../../store/store-context.tsx';
import type { useProcessActions } from './use-process-actions.ts';

type Actions = ReturnType<typeof useProcessActions>;

// The tool dialogs are opened now and then, never before the first rows: they load when first
// opened (their chunk is small and local), keeping the first script small.
const AffinityDialog = lazy(() => import('./AffinityDialog.tsx').then((m) => ({ default: m.AffinityDialog })));
const DumpFileDialog = lazy(() => import('./DumpFileDialog.tsx').then((m) => ({ default: m.DumpFileDialog })));
const RunTaskDialog = lazy(() => import('./RunTaskDialog.tsx').then((m) => ({ default: m.RunTaskDialog })));
// The questions asked before ending a process or raising its priority: loaded a moment after the
// page is up (not before the first rows), so that Delete asks at once.
const loadConfirmEnd = () => import('./ConfirmEndDialog.tsx').then((m) => ({ default: m.ConfirmEndDialog }));
const loadConfirmPriority = () => import('./ConfirmPriorityDialog.tsx').then((m) => ({ default: m.ConfirmPriorityDialog }));
const ConfirmEndDialog = lazy(loadConfirmEnd);
const ConfirmPriorityDialog = lazy(loadConfirmPriority);
const PRELOAD_QUESTIONS_AFTER_MS = 1_000;

export function ActionNotice({ actions }: { actions: Actions }) {
  return actions.notice ? <NoticeView text={actions.notice} onDismiss={actions.dismissNotice} /> : null;
}

export function ActionDialogs({ actions, logicalCores }: { actions: Actions; logicalCores: number }) {
  const machineName = useAppStore((s) => s.shell?.shownMachine?.name ?? null);
  useEffect(() => {
    const timer = setTimeout(() => void Promise.all([loadConfirmEnd(), loadConfirmPriority()]), PRELOAD_QUESTIONS_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <>
      <Suspense fallback={null}>
      {actions.confirm ? <ConfirmEndDialog request={actions.confirm} machineName={machineName} onConfirm={actions.confirmEnd} onCancel={actions.cancelEnd} /> : null}
      {actions.priorityConfirm ? (
        <ConfirmPriorityDialog request={actions.priorityConfirm} machineName={machineName} onConfirm={actions.confirmPriority} onCancel={actions.cancelPriority} />
      ) : null}
      {actions.affinityRow ? (
        <AffinityDialog
          row={actions.affinityRow}
          logicalCores={logicalCores}
          onApply={(cpus) => void actions.applyAffinity(cpus)}
          onCancel={actions.cancelAffinity}
        />
      ) : null}
      {actions.dumpRow ? <DumpFileDialog row={actions.dumpRow} onCreate={(path) => void actions.createDump(path)} onCancel={actions.cancelDump} /> : null}
      {actions.isRunTaskOpen ? <RunTaskDialog onRun={(line, isElevated) => void actions.runTask(line, isElevated)} onCancel={actions.cancelRunTask} /> : null}
      </Suspense>
      {actions.toast ? <ToastView id={actions.toast.id} text={actions.toast.text} undo={actions.toast.undo} onDismiss={actions.dismissToast} /> : null}
    </>
  );
}
