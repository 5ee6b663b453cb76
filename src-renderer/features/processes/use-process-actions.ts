/**
 * What the Processes tab's menu and keys do: End task and End process tree ask first, and so does
 * a High or Realtime priority (as Task Manager); Suspend offers Undo; failures are said in plain
 * words; affinity, Create dump file and Run new task open their dialogs. Commands go through
 * `window.taskManager`; the next snapshot shows their effect.
 *
 * Messages have a lifetime: a toast is replaced by the next action's and goes by itself
 * (ToastView); "Suspended … Undo" goes as soon as its processes run again (resumed here or
 * elsewhere) or are gone; a failure notice goes with the next success, when its cause is gone (a
 * "not connected" failure, once snapshots arrive again) or when the user dismisses it.
 */
import { useEffect, useRef, useState } from 'react';
import type { ErrorCode } from '../../../src-shared/commands.ts';
import type { Priority, ProcessRow, Snapshot } from '../../../src-shared/snapshot.ts';
import { formatCount } from '../../format.ts';
import { useApi } from '../../store/store-context.tsx';
import { rowKey } from '../../store/view-slice.ts';
import { strings } from '../../strings.ts';
import type { EndRequest } from './ConfirmEndDialog.tsx';
import { actionLabel, endApp, failureLines, runAction, type EndApp, type ProcessAction } from './process-commands.ts';
import { countDescendants } from './process-rows.ts';

export interface Toast {
  /** A new id for every toast, so that one replacing another starts its own time. */
  id: number;
  text: string;
  undo?: () => void;
  /** Suspended processes: the toast goes once none of them is suspended any more. */
  suspended?: readonly ProcessRow[];
}

/** Priorities that Task Manager asks about first: they can take the machine from everything else. */
const RISKY_PRIORITIES: ReadonlySet<Priority> = new Set<Priority>(['high', 'realtime']);

export interface PriorityRequest {
  priority: Priority;
  targets: ProcessRow[];
}

interface Notice {
  text: string;
  /** The failures' code when they all share one (a cause that can go away), else null. */
  code: ErrorCode | null;
}

let nextToastId = 1;

/** Whether none of `rows` is still suspended in `snapshot` (resumed, or gone). Pure. */
export function isNoneSuspended(rows: readonly ProcessRow[], snapshot: Snapshot): boolean {
  const stopped = new Set<string>();
  for (const p of snapshot.processes) if (p.state === 'stopped') stopped.add(`${p.pid}:${p.startTimeMs}`);
  return rows.every((r) => !stopped.has(`${r.pid}:${r.startTimeMs}`));
}

export function useProcessActions(snapshot: Snapshot | null) {
  const api = useApi();
  const [notice, setNoticeState] = useState<Notice | null>(null);
  const [confirm, setConfirm] = useState<EndRequest | null>(null);
  const [priorityConfirm, setPriorityConfirm] = useState<PriorityRequest | null>(null);
  const [toast, setToastState] = useState<Toast | null>(null);
  const [affinityRow, setAffinityRow] = useState<ProcessRow | null>(null);
  const [dumpRow, setDumpRow] = useState<ProcessRow | null>(null);
  const [isRunTaskOpen, setRunTaskOpen] = useState(false);

  const setNotice = (text: string | null, code: ErrorCode | null = null) => setNoticeState(text === null ? null : { text, code });
  const setToast = (next: Omit<Toast, 'id'> | null) => setToastState(next === null ? null : { ...next, id: nextToastId++ });

  // Causes that went away take their messages with them.
  // Checked at each new snapshot only (a toast made after it waits for the next one), and set only
  // when something goes: setting a state, even to the same value, renders the whole tab again.
  const current = useRef({ notice, toast });
  current.current = { notice, toast };
  useEffect(() => {
    if (!snapshot) return;
    // A new snapshot arrived: the host and collector answer again.
    if (current.current.notice?.code === 'COLLECTOR_DOWN') setNoticeState(null);
    const suspended = current.current.toast?.suspended;
    if (suspended && isNoneSuspended(suspended, snapshot)) setToastState(null);
  }, [snapshot]);

  const run = async (action: ProcessAction, targets: readonly ProcessRow[]) => {
    const failures: string[] = [];
    const codes = new Set<ErrorCode>();
    const done: ProcessRow[] = [];
    // The toast of the action before is about that action: the next one replaces it.
    setToastState(null);
    for (const row of targets) {
      const result = await runAction(api, action, row);
      const lines = failureLines(result, `${row.name} (${row.pid})`, [row]);
      if (lines.length === 0) done.push(row);
      else failures.push(...lines);
      if (!result.ok) codes.add(result.code);
    }
    setNotice(failures.length > 0 ? strings.commandFailed(actionLabel(action), failures.join('; ')) : null, codes.size === 1 ? ([...codes][0] ?? null) : null);
    if (action === 'suspend' && done.length > 0) {
      const what = done.length === 1 && done[0] ? `${done[0].name} (PID ${done[0].pid})` : strings.confirm.manyProcesses(formatCount(done.length));
      setToast({
        text: strings.suspended(what),
        suspended: done,
        undo: () => {
          setToastState(null);
          void run('resume', done);
        },
      });
    }
  };

  /** Whether any target belongs to a system app (init, its services, kernel threads). */
  const isSystem = (targets: readonly ProcessRow[]): boolean => {
    const pids = new Set(targets.map((t) => t.pid));
    return (snapshot?.apps ?? []).some((app) => app.category === 'system' && app.members.some((m) => pids.has(m.pid)));
  };

  const request = (action: ProcessAction | 'affinity' | 'dump', targets: readonly ProcessRow[]) => {
    const first = targets[0];
    if (!first) return;
    if (action === 'affinity') return setAffinityRow(first);
    if (action === 'dump') return setDumpRow(first);
    // One Explorer window or Properties dialog, for the focused row, however many are selected.
    if (action === 'openFileLocation' || action === 'openProperties' || action === 'restartExplorer') return void run(action, [first]);
    if (typeof action === 'object' && 'priority' in action && RISKY_PRIORITIES.has(action.priority)) {
      return setPriorityConfirm({ priority: action.priority, targets: [...targets] });
    }
    if (action === 'endTask' || action === 'endTree') {
      return setConfirm({
        kind: action,
        targets: [...targets],
        descendants: action === 'endTree' ? countDescendants(snapshot?.processes ?? [], targets) : 0,
        isSystem: isSystem(targets),
      });
    }
    void run(action, targets);
  };

  /** End task on whole apps (the Apps tab) and on processes chosen on their own: asks first, naming them all. */
  const requestEndApps = (apps: readonly EndApp[], processes: readonly ProcessRow[]) => {
    const targets = [...apps.flatMap((a) => a.members), ...processes];
    if (targets.length > 0) setConfirm({ kind: 'endTask', targets, descendants: 0, isSystem: isSystem(targets), apps: [...apps] });
  };

  /** One `killApp` per app, then `kill` for each target outside them; every refusal said. */
  const endApps = async (apps: readonly EndApp[], targets: readonly ProcessRow[]) => {
    const inApps = new Set(apps.flatMap((a) => a.members.map((m) => rowKey(m.pid, m.startTimeMs))));
    const failures: string[] = [];
    for (const app of apps) failures.push(...failureLines(await endApp(api, app), app.name, app.members));
    for (const row of targets) {
      if (!inApps.has(rowKey(row.pid, row.startTimeMs))) failures.push(...failureLines(await runAction(api, 'endTask', row), `${row.name} (${row.pid})`, [row]));
    }
    setNotice(failures.length > 0 ? strings.commandFailed(strings.menu.endTask, failures.join('; ')) : null);
  };

  return {
    notice: notice?.text ?? null,
    dismissNotice: () => setNoticeState(null),
    toast,
    confirm,
    priorityConfirm,
    affinityRow,
    request,
    requestEndApps,
    confirmEnd: () => {
      if (confirm?.apps) void endApps(confirm.apps, confirm.targets);
      else if (confirm) void run(confirm.kind, confirm.targets);
      setConfirm(null);
    },
    cancelEnd: () => setConfirm(null),
    confirmPriority: () => {
      if (priorityConfirm) void run({ priority: priorityConfirm.priority }, priorityConfirm.targets);
      setPriorityConfirm(null);
    },
    cancelPriority: () => setPriorityConfirm(null),
    dismissToast: () => setToastState(null),
    applyAffinity: async (cpus: number[]) => {
      const row = affinityRow;
      setAffinityRow(null);
      if (!row) return;
      const result = await api.setAffinity({ pid: row.pid, startTimeMs: row.startTimeMs, cpus });
      setNotice(result.ok ? null : strings.commandFailed(strings.affinity.menu, result.message));
    },
    cancelAffinity: () => setAffinityRow(null),
    dumpRow,
    createDump: async (path: string) => {
      const row = dumpRow;
      setDumpRow(null);
      if (!row) return;
      const what = `${row.name} (PID ${row.pid})`;
      setToast({ text: strings.dump.writing(what) });
      const result = await api.createDumpFile({ pid: row.pid, startTimeMs: row.startTimeMs, path });
      setToast(result.ok ? { text: strings.dump.written(path) } : null);
      setNotice(result.ok ? null : strings.commandFailed(strings.dump.action, result.message));
    },
    cancelDump: () => setDumpRow(null),
    isRunTaskOpen,
    openRunTask: () => setRunTaskOpen(true),
    runTask: async (commandLine: string, isElevated: boolean) => {
      setRunTaskOpen(false);
      const result = await api.runNewTask({ commandLine, ...(isElevated ? { isElevated } : {}) });
      setNotice(result.ok ? null : strings.commandFailed(strings.runTask.action, result.message));
    },
    cancelRunTask: () => setRunTaskOpen(false),
  };
}
