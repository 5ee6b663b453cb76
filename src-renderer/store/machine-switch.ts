/**
 * What the page forgets when the window starts showing another machine (ShellState.shownMachine,
 * src-shared/machines.ts): all that came from the machine shown before (its rows, chart history,
 * facts, history's status, alerts, icons) and all the user pointed at on it (selection, expanded
 * rows, a past moment or range, Top consumers, the Alerts panel), so the rows and figures of one
 * machine never mix with another's. What the user chose for the page (columns, sort, update speed,
 * search, tab) stays. The collector's status and the link stay too: the source says them again.
 */
import type { ShellState } from '../../src-shared/shell.ts';
import type { Store } from './store.ts';

/** The machine the shell state says the window shows: a saved machine's id, or null for this computer. */
export const shownMachineId = (shell: ShellState | null): string | null => shell?.shownMachine?.id ?? null;

/** Whether the source shown can answer queries: this computer always, another machine once connected. */
export const isShownSourceReady = (shell: ShellState | null): boolean => (shell?.shownMachine?.state ?? 'connected') === 'connected';

/** What `ingestMachineSwitch` puts back as a fresh store has it. */
export const MACHINE_BOUND_FIELDS = [
  'snapshot',
  'heldSnapshot',
  'receivedAtMs',
  'history',
  'inventory',
  'historyStatus',
  'processIcons',
  'selected',
  'anchorKey',
  'focusedKey',
  'expanded',
  'viewAtMs',
  'travel',
  'travelSnapshot',
  'travelError',
  'historyRange',
  'rangeSeries',
  'rangeError',
  'rangeZoom',
  'topRange',
  'alerts',
  'alertToast',
  'isAlertsOpen',
] as const satisfies readonly (keyof Store)[];

/** `fresh`'s values of the machine-bound fields (the store's state never changes in place, so they can be shared). */
export function machineSwitchState(fresh: Store): Partial<Store> {
  return Object.fromEntries(MACHINE_BOUND_FIELDS.map((name) => [name, fresh[name]]));
}
