/**
 * What the Processes tab's menu and keys do: End task and End process tree ask first; Suspend
 * offers Undo; failures are said in plain words; affinity, Create dump file and Run new task open
 * their dialogs. Commands go through `window.taskManager`; the next snapshot shows their effect.
 */
import { useState } from 'react';
import type { ProcessRow, Snapshot } from '../../../src-shared/snapshot.ts';
import { formatCount } from '../../format.ts';
import { useApi } from '../../store/store-context.tsx';
import { rowKey } from '../../store/view-slice.ts';
import { strings } from '../../strings.ts';
import type { EndRequest } from './ConfirmEndDialog.tsx';
import { actionLabel, endApp, failureLines, runAction, type EndApp, type ProcessAction } from './process-commands.ts';
import { countDescendants } from './process-rows.ts';

export interface Toast {
  text: string;
  undo?: () => void;
}

export function useProcessActions(snapshot: Snapshot | null) {
  const api = useApi();
  const [notice, setNotice] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<EndRequest | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const [affinityRow, setAffinityRow] = useState<ProcessRow | null>(null);
  const [dumpRow, setDumpRow] = useState<ProcessRow | null>(null);
  const [isRunTaskOpen, setRunTaskOpen] = useState(false);

  const run = async (action: ProcessAction, targets: readonly ProcessRow[]) => {
    const failures: string[] = [];
    const done: ProcessRow[] = [];
    for (const row of targets) {
      const lines = failureLines(await runAction(api, action, row), `${row.name} (${row.pid})`, [row]);
      if (lines.length === 0) done.push(row);
      else failures.push(...lines);
    }
    setNotice(failures.length > 0 ? strings.commandFailed(actionLabel(action), failures.join('; ')) : null);
    if (action === 'suspend' && done.length > 0) {
      const what = done.length === 1 && done[0] ? `${done[0].name} (PID ${done[0].pid})` : strings.confirm.manyProcesses(formatCount(done.length));
      setToast({
        text: strings.suspended(what),
        undo: () => {
          setToast(null);
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
    notice,
    toast,
    confirm,
    affinityRow,
    request,
    requestEndApps,
    confirmEnd: () => {
      if (confirm?.apps) void endApps(confirm.apps, confirm.targets);
      else if (confirm) void run(confirm.kind, confirm.targets);
      setConfirm(null);
    },
    cancelEnd: () => setConfirm(null),
    dismissToast: () => setToast(null),
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
