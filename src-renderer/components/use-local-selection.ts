/**
 * A grid's selection and focus kept by the view that shows it (LocalGrid, the Users tab), not in
 * the store: nothing else reads what is selected there. `onFocusedChange` hears where focus moves
 * (a toolbar that acts on the focused row).
 */
import { useCallback, useState } from 'react';
import type { SelectMode } from './grid-types.ts';

export function useLocalSelection(onFocusedChange?: (key: string) => void) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focusedKey, setFocused] = useState<string | null>(null);
  const setFocusedKey = useCallback(
    (key: string) => {
      setFocused(key);
      onFocusedChange?.(key);
    },
    [onFocusedChange],
  );
  const onSelect = useCallback(
    (key: string, mode: SelectMode, orderedKeys: readonly string[]) => {
      setFocusedKey(key);
      setSelected((current) => {
        if (mode === 'toggle') {
          const next = new Set(current);
          if (next.has(key)) next.delete(key);
          else next.add(key);
          return next;
        }
        if (mode === 'range' && current.size > 0) {
          const at = orderedKeys.findIndex((k) => current.has(k));
          const to = orderedKeys.indexOf(key);
          if (at >= 0 && to >= 0) return new Set(orderedKeys.slice(Math.min(at, to), Math.max(at, to) + 1));
        }
        return new Set([key]);
      });
    },
    [setFocusedKey],
  );
  const selectAll = useCallback((keys: readonly string[]) => setSelected(new Set(keys)), []);
  return { selected, focusedKey, onSelect, setFocusedKey, selectAll };
}
