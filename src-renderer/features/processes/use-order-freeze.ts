/**
 * Tells the store why the Processes rows must hold their order (view-slice `OrderFreeze`): the
 * pointer over the rows (the callback, for the grid's pointer enter/leave) and an open menu or
 * dialog (`isOverlayOpen`). Both reasons go when the tab closes.
 */
import { useCallback, useEffect } from 'react';
import { useAppStore } from '../../store/store-context.tsx';

export function useOrderFreeze(isOverlayOpen: boolean): (isPointerInside: boolean) => void {
  const setOrderFrozen = useAppStore((s) => s.setOrderFrozen);
  useEffect(() => setOrderFrozen('overlay', isOverlayOpen), [isOverlayOpen, setOrderFrozen]);
  useEffect(
    () => () => {
      setOrderFrozen('overlay', false);
      setOrderFrozen('pointer', false);
    },
    [setOrderFrozen],
  );
  return useCallback((isPointerInside: boolean) => setOrderFrozen('pointer', isPointerInside), [setOrderFrozen]);
}
