/**
 * What can be done to a startup entry, as Task Manager offers it: Enable or Disable (the one that
 * changes its status; both where the status is unknown), Open file location, Properties. Pure: the
 * tab sends the commands.
 */
import type { StartupEntry } from '../../../src-shared/startup.ts';
import type { MenuItem } from '../../components/ContextMenu.tsx';
import { startupStrings as text } from './startup-strings.ts';

export type StartupAction = 'enable' | 'disable' | 'openLocation' | 'properties';

/** The toolbar's one toggle: Enable for a disabled entry, else Disable (unknown is never taken as enabled, but disabling it is safe). */
export const toggleAction = (entry: StartupEntry): 'enable' | 'disable' => (entry.status === 'disabled' ? 'enable' : 'disable');

export const actionLabel = (action: StartupAction): string =>
  ({ enable: text.enable, disable: text.disable, openLocation: text.openLocation, properties: text.properties })[action];

export function startupMenuItems(entry: StartupEntry, act: (action: StartupAction) => void): MenuItem[] {
  const item = (action: StartupAction, isDisabled = false): MenuItem => ({ id: `startup-${action}`, label: actionLabel(action), isDisabled, onSelect: () => act(action) });
  return [
    item('enable', entry.status === 'enabled'),
    item('disable', entry.status === 'disabled'),
    item('openLocation'),
    item('properties'),
  ];
}
