/**
 * The window: tabs (Processes, Apps, Performance), the stale-data banner, settings and the status
 * bar. It composes; the features compute.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Tabs } from './components/Tabs.tsx';
import { AppsTab } from './features/apps/AppsTab.tsx';
import { ProcessesTab } from './features/processes/ProcessesTab.tsx';
import { SEARCH_INPUT_ID } from './features/processes/ProcessToolbar.tsx';
import { ElevationBanner } from './features/shell/ElevationBanner.tsx';
import { SettingsMenu } from './features/shell/SettingsMenu.tsx';
import { StaleBanner } from './features/shell/StaleBanner.tsx';
import { StatusBar } from './features/shell/StatusBar.tsx';
import type { TabId } from './store/settings.ts';
import { useAppStore } from './store/store-context.tsx';
import { strings } from './strings.ts';

const TABS = [
  { id: 'processes', label: strings.tabs.processes },
  { id: 'apps', label: strings.tabs.apps },
  { id: 'performance', label: strings.tabs.performance },
] as const satisfies readonly { id: TabId; label: string }[];

// The Performance tab and its charts (recharts, most of the script) load when first opened, so
// the first rows of Processes need only the rest.
const PerformanceTab = lazy(async () => ({ default: (await import('./features/performance/PerformanceTab.tsx')).PerformanceTab }));

const PANELS: Record<TabId, () => ReactNode> = {
  processes: () => <ProcessesTab />,
  apps: () => <AppsTab />,
  performance: () => (
    <Suspense fallback={<p role="status">{strings.loading}</p>}>
      <PerformanceTab />
    </Suspense>
  ),
};

export function App() {
  const { activeTab, setActiveTab } = useAppStore(useShallow((s) => ({ activeTab: s.activeTab, setActiveTab: s.setActiveTab })));
  useEffect(() => {
    // Ctrl+F: the search of the Apps tab there, else the process search, from anywhere.
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        if (activeTab !== 'apps') setActiveTab('processes');
        requestAnimationFrame(() => document.getElementById(SEARCH_INPUT_ID)?.focus());
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [activeTab, setActiveTab]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>{strings.title}</h1>
        <SettingsMenu />
      </header>
      <ElevationBanner />
      <StaleBanner />
      <Tabs label={strings.title} tabs={TABS} active={activeTab} onChange={setActiveTab}>
        {PANELS[activeTab]()}
      </Tabs>
      <StatusBar />
    </div>
  );
}
