/** App history's views, one chunk: the tab and the Top consumers panel (App.tsx loads it when either is first shown). */
export { AppHistoryTab } from './AppHistoryTab.tsx';
export { TopConsumersDialog } from './TopConsumersDialog.tsx';
