/**
 * The Apps, Startup apps, Services and Users tabs as one lazily loaded chunk (App.tsx loads it when
 * one of them is first opened). One chunk, not one each: a second chunk sharing the grid, the
 * search box and the menu with the first script made the bundler move those into chunks of their
 * own, six more requests and more bytes before the first rows of Processes.
 */
import { AppsTab } from './apps/AppsTab.tsx';
import { ServicesTab } from './services/ServicesTab.tsx';
import { StartupTab } from './startup/StartupTab.tsx';
import { UsersTab } from './users/UsersTab.tsx';
import './list-tabs.css';

const TABS = { apps: AppsTab, startup: StartupTab, services: ServicesTab, users: UsersTab };

export type ListTabId = keyof typeof TABS;

export default function ListTabs({ tab }: { tab: ListTabId }) {
  const Tab = TABS[tab];
  return <Tab />;
}
