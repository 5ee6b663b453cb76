/**
 * The Apps table's context menu: what Task Manager offers on an app, plus the Processes table's
 * process commands that make sense for one — Expand/Collapse, End task, End process tree, Suspend,
 * Resume, Set priority…, Efficiency mode (where the processes report it), Open details. Pure; the
 * tab wires `act` to the commands.
 */
import type { MenuItem } from '../../components/ContextMenu.tsx';
import type { GridRow } from '../../components/grid-types.ts';
import { strings } from '../../strings.ts';
import type { ProcessAction } from '../processes/process-commands.ts';
import type { AppsRow } from './app-rows.ts';
import { isEmpty, type AppsTargets } from './app-targets.ts';

export type AppMenuChoice = ProcessAction | 'priorityMenu' | 'openDetails' | 'toggle';

/** `focused`: the row the menu was opened on (its Expand/Collapse). */
export function appMenuItems(targets: AppsTargets, focused: GridRow<AppsRow> | null, act: (choice: AppMenuChoice) => void): MenuItem[] {
  const none = isEmpty(targets);
  const item = (id: string, label: string, choice: AppMenuChoice, isDisabled = none): MenuItem => ({ id, label, isDisabled, onSelect: () => act(choice) });
  const items: MenuItem[] = [];
  if (focused?.hasChildren) items.push(item('toggle', focused.isExpanded ? strings.menu.collapse : strings.menu.expand, 'toggle', false));
  const isStopped = (p: { state: string }) => p.state === 'stopped';
  items.push(
    item('end-task', strings.menu.endTask, 'endTask'),
    item('end-tree', strings.menu.endTree, 'endTree'),
    item('suspend', strings.menu.suspend, 'suspend', none || targets.all.every(isStopped)),
    item('resume', strings.menu.resume, 'resume', none || !targets.all.some(isStopped)),
    item('set-priority', `${strings.menu.setPriority}…`, 'priorityMenu'),
  );
  // Efficiency mode exists where every chosen process reports it (Windows 11); elsewhere it is not offered.
  if (!none && targets.all.every((p) => p.isEfficiencyMode !== null)) {
    const isOn = targets.all.every((p) => p.isEfficiencyMode === true);
    items.push(item('efficiency-mode', isOn ? strings.menu.efficiencyModeOff : strings.menu.efficiencyMode, { isEfficiencyMode: !isOn }));
  }
  items.push(item('open-details', strings.menu.openDetails, 'openDetails'));
  return items;
}
