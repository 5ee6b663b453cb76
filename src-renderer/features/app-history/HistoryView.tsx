/**
 * App history's chunk as one lazily loaded component (App.tsx loads it when the tab or the Top
 * consumers panel is first shown): `tab` is the App history tab, `top` the Top consumers panel.
 * One import site for both keeps the first script small.
 */
import { AppHistoryTab } from './AppHistoryTab.tsx';
import { TopConsumersDialog } from './TopConsumersDialog.tsx';

export default function HistoryView({ part }: { part: 'tab' | 'top' }) {
  return part === 'tab' ? <AppHistoryTab /> : <TopConsumersDialog />;
}
