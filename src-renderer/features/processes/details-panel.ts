/**
 * Whether the Processes tab's details panel is shown. The user opens and closes it (remembered:
 * `isOpen`); below a width it closes itself so that the table keeps its figure columns, and comes
 * back when the window is wide again unless the user closed it. Opened by hand in a narrow window,
 * it stays until the user closes it or the window is wide again (`isOpenedWhileNarrow`, not
 * remembered). Pure.
 */

/** The width (px) of the tab's table-and-panel area below which the panel closes itself. */
export const DETAILS_PANEL_MIN_AREA_PX = 1000;

export interface DetailsPanelState {
  /** The user's choice, remembered in the settings. */
  isOpen: boolean;
  isOpenedWhileNarrow: boolean;
}

export const isNarrowArea = (areaPx: number | null): boolean => areaPx !== null && areaPx < DETAILS_PANEL_MIN_AREA_PX;

export function isDetailsPanelShown(state: DetailsPanelState, isNarrow: boolean): boolean {
  return state.isOpen && (!isNarrow || state.isOpenedWhileNarrow);
}

/** The state after the user presses the Details button (or the panel's close button when shown). */
export function toggledDetailsPanel(state: DetailsPanelState, isNarrow: boolean): DetailsPanelState {
  if (isDetailsPanelShown(state, isNarrow)) {
    // Closing a panel opened in a narrow window only undoes that; closing it in a wide one is the user's choice.
    return isNarrow ? { isOpen: state.isOpen, isOpenedWhileNarrow: false } : { isOpen: false, isOpenedWhileNarrow: false };
  }
  return { isOpen: true, isOpenedWhileNarrow: isNarrow };
}
