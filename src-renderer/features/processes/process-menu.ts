/**
 * The Processes tab's context menu for the focused row: which items, in Task Manager's order, and
 * which are disabled. Pure; the tab wires `act` to the commands.
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import type { MenuItem } from '../../components/ContextMenu.tsx';
import { strings } from '../../strings.ts';
import { isWindowsExplorer, isWindowsToolsOffered, type ProcessAction } from './process-commands.ts';

export type MenuChoice = ProcessAction | 'affinity' | 'dump' | 'priorityMenu';

export function processMenuItems(row: ProcessRow | null, platform: string | null, act: (choice: MenuChoice) => void): MenuItem[] {
  const item = (id: string, label: string, choice: MenuChoice, isDisabled = false): MenuItem => ({ id, label, isDisabled, onSelect: () => act(choice) });
  const items: MenuItem[] = [];
  if (row && isWindowsExplorer(row) && isWindowsToolsOffered(platform)) items.push(item('restart-explorer', strings.menu.restartExplorer, 'restartExplorer'));
  items.push(
    item('end-task', strings.menu.endTask, 'endTask'),
    item('end-tree', strings.menu.endTree, 'endTree'),
    item('suspend', strings.menu.suspend, 'suspend', row?.state === 'stopped'),
    item('resume', strings.menu.resume, 'resume', row?.state !== 'stopped'),
    item('set-priority', `${strings.menu.setPriority}…`, 'priorityMenu'),
    item('set-affinity', strings.affinity.menu, 'affinity'),
  );
  if (isWindowsToolsOffered(platform)) {
    items.push(
      item('create-dump', strings.dump.menu, 'dump'),
      // A process Windows gives no file for (System, Registry) has no location to open.
      item('open-file-location', strings.menu.openFileLocation, 'openFileLocation', row?.exePath === null),
      item('open-properties', strings.menu.openProperties, 'openProperties', row?.exePath === null),
    );
  }
  return items;
}
