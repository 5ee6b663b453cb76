/**
 * When the grid scrolls to its focused row. Always when the user moves the focus (arrows, a click);
 * when `revealFocusOn` changes (the Processes tab passes its search text, so that clearing a search
 * brings the selected row back into view); and, only with `isFollowingFocus` ("Keep selection in
 * view"), when a new order of the rows moves the focused row. Otherwise a re-sort never scrolls: the
 * view does not jump every tick with a busy focused process. A table that opens with a focused row
 * (another tab's Open details) shows it in the middle, where the next re-sort won't push it out.
 */
import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

export interface FollowFocusOptions {
  isFollowingFocus: boolean;
  revealFocusOn: unknown;
}

export function useFollowFocus(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  focusedKey: string | null,
  focusedIndex: number,
  { isFollowingFocus, revealFocusOn }: FollowFocusOptions,
): void {
  // Read through a ref: the first effect runs for the reasons in its list, not for each new index.
  const focusedIndexRef = useRef(focusedIndex);
  focusedIndexRef.current = focusedIndex;
  // The key of the first run: that run, repeated (React's strict mode runs effects twice), centres too.
  const openedOn = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (openedOn.current === undefined) openedOn.current = focusedKey;
    const align = openedOn.current === focusedKey ? 'center' : 'auto';
    if (openedOn.current !== focusedKey) openedOn.current = null;
    if (focusedIndexRef.current >= 0) virtualizer.scrollToIndex(focusedIndexRef.current, { align });
  }, [focusedKey, revealFocusOn, virtualizer]);

  const last = useRef({ key: focusedKey, index: focusedIndex });
  useEffect(() => {
    const before = last.current;
    last.current = { key: focusedKey, index: focusedIndex };
    if (isFollowingFocus && focusedIndex >= 0 && before.key === focusedKey && before.index !== focusedIndex) {
      virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
    }
  }, [focusedKey, focusedIndex, isFollowingFocus, virtualizer]);
}
