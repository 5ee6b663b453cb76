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

/** The fields `ingestMachineSwitch` sets: as a fresh store has them (store.test.ts checks each). */
export function machineSwitchState(): Partial<Store> {
  return {
    snapshot: null,
    heldSnapshot: null,
    receivedAtMs: null,
    history: [],
    inventory: null,
    historyStatus: null,
    processIcons: {},
    selected: new Set(),
    anchorKey: null,
    focusedKey: null,
    expanded: new Set(),
    viewAtMs: null,
    travel: null,
    travelSnapshot: null,
    travelError: null,
    historyRange: 'live',
    rangeSeries: null,
    rangeError: null,
    rangeZoom: null,
    topRange: null,
    alerts: [],
    alertToast: null,
    isAlertsOpen: false,
  };
}
