/**
 * In the past (time travel) nothing acts on a process: it may be gone, or its pid another
 * process's now. Pure: a menu's items with every action disabled and saying why, only the items
 * that look (open or close a row, open its details) left as they are.
 */
import type { MenuItem } from '../../components/ContextMenu.tsx';
import { strings } from '../../strings.ts';

/** Menu items that only change what is shown. */
const VIEW_ITEMS: ReadonlySet<string> = new Set(['toggle', 'open-details']);

export function pastMenuItems(items: readonly MenuItem[], isPast: boolean): MenuItem[] {
  if (!isPast) return items as MenuItem[];
  return items.map((item) => (VIEW_ITEMS.has(item.id) ? item : { ...item, isDisabled: true, title: strings.timeTravel.actionDisabled }));
}
