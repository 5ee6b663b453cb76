/**
 * What can be done to a service, as Task Manager's Services page offers it: Start (a stopped or
 * failed service), Stop (one that accepts a stop), Restart (a running one that does), and Go to
 * details (its process, while the latest snapshot holds it). Pure: the tab sends the commands.
 */
import type { ServiceRow } from '../../../src-shared/services.ts';
import type { MenuItem } from '../../components/ContextMenu.tsx';
import { servicesStrings as text } from './services-strings.ts';

export type ServiceAction = 'start' | 'stop' | 'restart' | 'goToDetails';

export function isActionOffered(action: ServiceAction, service: ServiceRow): boolean {
  switch (action) {
    case 'start':
      return service.state === 'stopped' || service.state === 'failed';
    case 'stop':
      return service.canStop && service.state !== 'stopped';
    case 'restart':
      return service.canStop && service.state === 'running';
    case 'goToDetails':
      return service.pid !== null && service.startTimeMs !== null;
  }
}

export const actionLabel = (action: ServiceAction): string => ({ start: text.start, stop: text.stop, restart: text.restart, goToDetails: text.goToDetails })[action];

export function serviceMenuItems(service: ServiceRow, act: (action: ServiceAction) => void): MenuItem[] {
  return (['start', 'stop', 'restart', 'goToDetails'] as const).map((action) => ({
    id: `service-${action}`,
    label: actionLabel(action),
    isDisabled: !isActionOffered(action, service),
    onSelect: () => act(action),
  }));
}
