import { describe, expect, it } from 'vitest';
import { DETAILS_PANEL_MIN_AREA_PX, isDetailsPanelShown, isNarrowArea, toggledDetailsPanel, type DetailsPanelState } from './details-panel.ts';

const open: DetailsPanelState = { isOpen: true, isOpenedWhileNarrow: false };
const closed: DetailsPanelState = { isOpen: false, isOpenedWhileNarrow: false };
const openedWhileNarrow: DetailsPanelState = { isOpen: true, isOpenedWhileNarrow: true };

describe('isNarrowArea', () => {
  it.each<[number | null, boolean]>([
    [null, false],
    [800, true],
    [DETAILS_PANEL_MIN_AREA_PX - 1, true],
    [DETAILS_PANEL_MIN_AREA_PX, false],
    [1920, false],
  ])('an area of %s px is narrow: %s', (px, expected) => {
    expect(isNarrowArea(px)).toBe(expected);
  });
});

describe('isDetailsPanelShown', () => {
  it.each<[string, DetailsPanelState, boolean, boolean]>([
    ['open, wide', open, false, true],
    ['open, narrow: closes itself', open, true, false],
    ['closed by the user, wide: stays closed', closed, false, false],
    ['closed by the user, narrow', closed, true, false],
    ['opened by hand in a narrow window', openedWhileNarrow, true, true],
    ['opened by hand in a narrow window, then wide', openedWhileNarrow, false, true],
  ])('%s', (_what, state, isNarrow, expected) => {
    expect(isDetailsPanelShown(state, isNarrow)).toBe(expected);
  });
});

describe('toggledDetailsPanel', () => {
  it.each<[string, DetailsPanelState, boolean, DetailsPanelState]>([
    ['closing it in a wide window is remembered', open, false, closed],
    ['opening it in a wide window', closed, false, open],
    ['opening it in a narrow window (closed by itself)', open, true, openedWhileNarrow],
    ['opening it in a narrow window (closed by the user)', closed, true, openedWhileNarrow],
    ['closing one opened in a narrow window: back to closed by itself, the choice kept', openedWhileNarrow, true, open],
  ])('%s', (_what, state, isNarrow, expected) => {
    expect(toggledDetailsPanel(state, isNarrow)).toEqual(expected);
  });

  it('comes back by itself when wide again, unless the user closed it', () => {
    const narrowed = open; // closed by itself at 800 px
    expect(isDetailsPanelShown(narrowed, true)).toBe(false);
    expect(isDetailsPanelShown(narrowed, false)).toBe(true);
    const userClosed = toggledDetailsPanel(open, false);
    expect(isDetailsPanelShown(userClosed, true)).toBe(false);
    expect(isDetailsPanelShown(userClosed, false)).toBe(false);
  });
});
