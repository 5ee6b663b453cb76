/**
 * The window: tabs (Processes, Apps, Performance, App history, Startup apps, Services, Users), the
 * stale-data banner, the alerts' bell and toast, settings, the status bar, and the Top consumers and
 * Alerts panels; in the desktop app, the machine switcher and, while another machine is shown, its
 * bar (the tabs start afresh for each machine). It composes; the features compute.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Tabs } from './components/Tabs.tsx';
import { ProcessesTab } from './features/processes/ProcessesTab.tsx';
import { SEARCH_INPUT_ID } from './features/processes/ProcessToolbar.tsx';
import { SettingsMenu } from './features/shell/SettingsMenu.tsx';
import { StaleBanner } from './features/shell/StaleBanner.tsx';
import { StatusBar } from './features/shell/StatusBar.tsx';
// After the shell's imports: imported before them, the bundler splits the store's hook and the
// menu button into chunks of their own (two more requests before the first rows).
import { AlertsBell } from './features/alerts/AlertsBell.tsx';
import { useFocusRequests } from './features/alerts/use-focus-requests.ts';
import { AlertToast } from './features/alerts/AlertToast.tsx';
import type { TabId } from './store/settings.ts';
import { useAppStore } from './store/store-context.tsx';
import { strings } from './strings.ts';

const TABS = [
  { id: 'processes', label: strings.tabs.processes },
  { id: 'apps', label: strings.tabs.apps },
  { id: 'performance', label: strings.tabs.performance },
  { id: 'appHistory', label: strings.tabs.appHistory },
  { id: 'startup', label: strings.tabs.startup },
  { id: 'services', label: strings.tabs.services },
  { id: 'users', label: strings.tabs.users },
] as const satisfies readonly { id: TabId; label: string }[];

// The Apps, Startup apps, Services, Users, Performance (the charts: recharts, most of the script) and
// App history tabs, and the Top consumers panel, load when first opened, so the first rows of
// Processes need only the rest. Apps, Startup apps, Services and Users share one chunk (ListTabs.tsx).
const ListTabs = lazy(() => import('./features/ListTabs.tsx'));
const PerformanceTab = lazy(async () => ({ default: (await import('./features/performance/PerformanceTab.tsx')).PerformanceTab }));
// Only while the tabs show the past (time travel is asked from the Performance charts or Go to time).
const TimeTravelBanner = lazy(async () => ({ default: (await import('./features/shell/TimeTravelBanner.tsx')).TimeTravelBanner }));
// App history and Top consumers share one chunk and one import.
const HistoryView = lazy(() => import('./features/app-history/HistoryView.tsx'));
// The Alerts panel (its rules, their editor and the arm dialog), when the bell is first pressed.
const AlertsPanel = lazy(() => import('./features/alerts/AlertsPanel.tsx'));
// The desktop app's own views (elevation, many machines), one chunk a browser view never loads.
const desktopViews = () => import('./desktop-views.ts');
const ElevationBanner = lazy(async () => ({ default: (await desktopViews()).ElevationBanner }));
const MachineBar = lazy(async () => ({ default: (await desktopViews()).MachineBar }));
const MachineSwitcher = lazy(async () => ({ default: (await desktopViews()).MachineSwitcher }));

const TAB_ORDER: readonly TabId[] = TABS.map((t) => t.id);
/** Tabs with a search box of their own (Ctrl+F focuses it); from any other, Ctrl+F goes to Processes'. */
const SEARCHING_TABS: readonly TabId[] = ['apps', 'startup', 'services', 'users'];
const listTab = (tab: 'apps' | 'startup' | 'services' | 'users') => () => (
  <Suspense fallback={<p role="status">{strings.loading}</p>}>
    <ListTabs tab={tab} />
  </Suspense>
);

const PANELS: Record<TabId, () => ReactNode> = {
  processes: () => <ProcessesTab />,
  apps: listTab('apps'),
  performance: () => (
    <Suspense fallback={<p role="status">{strings.loading}</p>}>
      <PerformanceTab />
    </Suspense>
  ),
  appHistory: () => (
    <Suspense fallback={<p role="status">{strings.loading}</p>}>
      <HistoryView part="tab" />
    </Suspense>
  ),
  startup: listTab('startup'),
  services: listTab('services'),
  users: listTab('users'),
};

export function App() {
  const { activeTab, setActiveTab, setHeld, isPast, isTopShown, isAlertsOpen, isDesktopApp, machineId } = useAppStore(
    useShallow((s) => ({
      activeTab: s.activeTab,
      setActiveTab: s.setActiveTab,
      setHeld: s.setHeld,
      isPast: s.viewAtMs !== null,
      isTopShown: s.topRange !== null,
      isAlertsOpen: s.isAlertsOpen,
      isDesktopApp: s.shell?.isDesktopApp === true,
      machineId: s.shell?.shownMachine?.id ?? '',
    })),
  );
  // A click on an alert's OS notification (desktop app) selects its process.
  useFocusRequests();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Holding Ctrl stands the view still, as in Task Manager (to read or Ctrl+click a row).
      if (event.key === 'Control') return setHeld(true);
      // Ctrl+F: the search of the tab shown where it has one, else the process search, from anywhere.
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        if (!SEARCHING_TABS.includes(activeTab)) setActiveTab('processes');
        requestAnimationFrame(() => document.getElementById(SEARCH_INPUT_ID)?.focus());
        return;
      }
      // Ctrl+Tab / Ctrl+Shift+Tab: the next or previous tab (a browser keeps these for itself; the
      // desktop window gets them).
      if (event.ctrlKey && event.key === 'Tab') {
        event.preventDefault();
        const at = TAB_ORDER.indexOf(activeTab);
        const next = TAB_ORDER[(at + (event.shiftKey ? TAB_ORDER.length - 1 : 1)) % TAB_ORDER.length];
        if (next) setActiveTab(next);
      }
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === 'Control') setHeld(false);
    };
    // A Ctrl let go in another window never reaches this one.
    const release = () => setHeld(false);
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', release);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', release);
    };
  }, [activeTab, setActiveTab, setHeld]);
  return (
    <div className="app">
      {isDesktopApp ? (
        <Suspense fallback={null}>
          <MachineBar />
        </Suspense>
      ) : null}
      <header className="app-header">
        <h1>{strings.title}</h1>
        <div className="app-header-tools">
          {isDesktopApp ? (
            <Suspense fallback={null}>
              <MachineSwitcher />
            </Suspense>
          ) : null}
          <AlertsBell />
          <SettingsMenu />
        </div>
      </header>
      {isDesktopApp ? (
        <Suspense fallback={null}>
          <ElevationBanner />
        </Suspense>
      ) : null}
      <StaleBanner />
      {isPast ? (
        <Suspense fallback={null}>
          <TimeTravelBanner />
        </Suspense>
      ) : null}
      {/* Keyed by the machine shown: no dialog, scroll or answer of one machine's tabs stays for another. */}
      <Tabs key={machineId} label={strings.title} tabs={TABS} active={activeTab} onChange={setActiveTab}>
        {PANELS[activeTab]()}
      </Tabs>
      <StatusBar />
      {isTopShown ? (
        <Suspense fallback={null}>
          <HistoryView part="top" />
        </Suspense>
      ) : null}
      {isAlertsOpen ? (
        <Suspense fallback={null}>
          <AlertsPanel />
        </Suspense>
      ) : null}
      <AlertToast />
    </div>
  );
}
