/**
 * The details panel's open state (details-panel.ts) for the area that holds the table and the
 * panel: `areaRef` is measured, the user's choice comes from the settings.
 */
import { useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useElementWidth } from '../../components/use-element-width.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { isDetailsPanelShown, isNarrowArea, toggledDetailsPanel } from './details-panel.ts';

export function useDetailsPanel(areaRef: RefObject<HTMLElement | null>): { isShown: boolean; toggle(): void } {
  const { isOpen, setOpen } = useAppStore(useShallow((s) => ({ isOpen: s.isDetailsPanelOpen, setOpen: s.setDetailsPanelOpen })));
  const isNarrow = isNarrowArea(useElementWidth(areaRef));
  const [isOpenedWhileNarrow, setOpenedWhileNarrow] = useState(false);
  // Opened by hand for a narrow window only: once wide, a later narrowing closes it again.
  if (!isNarrow && isOpenedWhileNarrow) setOpenedWhileNarrow(false);
  const state = { isOpen, isOpenedWhileNarrow };
  return {
    isShown: isDetailsPanelShown(state, isNarrow),
    toggle: () => {
      const next = toggledDetailsPanel(state, isNarrow);
      setOpen(next.isOpen);
      setOpenedWhileNarrow(next.isOpenedWhileNarrow);
    },
  };
}
