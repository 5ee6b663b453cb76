/**
 * The Performance tab: a sidebar of resources (each with a live sparkline) and the view of the
 * selected one. This component reads only the list of resources; the entries and the view each
 * read their own figures, so a tick never re-renders one for the other's sake. Ctrl+C copies the
 * selected page's figures and facts as text, as Task Manager does.
 */
import { useCallback, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useStoreApi } from '../../store/store-context.tsx';
import { CpuView } from './CpuView.tsx';
import { DiskView } from './DiskView.tsx';
import { GpuView } from './GpuView.tsx';
import { MemoryView } from './MemoryView.tsx';
import { NetworkView } from './NetworkView.tsx';
import { pageText } from './page-model.ts';
import { pageModel } from './pages.ts';
import { CPU_ID, resourceIds, resourceRef, type ResourceId } from './resources.ts';
import { RangeChoice } from './RangeChoice.tsx';
import { RangeTools } from './RangeTools.tsx';
import { ResourceList } from './ResourceList.tsx';
import { RangeAlertsContext, useRangeAlerts } from './use-range-alerts.ts';
import { useRangeSeries } from './use-range-series.ts';
import './performance.css';
import { performanceStrings } from './performance-strings.ts';

export function PerformanceTab() {
  const ids = useAppStore(useShallow((s) => resourceIds(s.snapshot)));
  const hasNoGpu = useAppStore((s) => s.snapshot !== null && s.snapshot.gpus.length === 0);
  const [chosen, setChosen] = useState<ResourceId>(CPU_ID);
  // A device that went away (an unplugged disk, a downed interface) leaves the CPU selected.
  const selected = ids.includes(chosen) ? chosen : CPU_ID;
  const onSelect = useCallback((id: ResourceId) => setChosen(id), []);
  const copyStatus = useCopyPage(selected);
  useRangeSeries();
  const rangeAlerts = useRangeAlerts();
  return (
    <div className="perf">
      <ResourceList ids={ids} selected={selected} hasNoGpu={hasNoGpu} onSelect={onSelect} />
      <div className="perf-main">
        <div className="perf-range-bar">
          <RangeChoice />
          <RangeTools />
        </div>
        <RangeAlertsContext.Provider value={rangeAlerts}>
          <ResourceView id={selected} />
        </RangeAlertsContext.Provider>
      </div>
      <p role="status" className="perf-visually-hidden">
        {copyStatus}
      </p>
    </div>
  );
}

function ResourceView({ id }: { id: ResourceId }) {
  const ref = resourceRef(id);
  switch (ref.kind) {
    case 'cpu':
      return <CpuView />;
    case 'memory':
      return <MemoryView />;
    case 'disk':
      return <DiskView key={id} diskId={ref.key} />;
    case 'network':
      return <NetworkView key={id} name={ref.key} />;
    case 'gpu':
      return <GpuView key={id} gpuId={ref.key} />;
  }
}

/**
 * Ctrl+C (⌘C) anywhere on the tab copies the selected page as text, unless the user selected text
 * to copy or is typing. Returns what to say of the last copy (a live region reads it out).
 */
function useCopyPage(selected: ResourceId): string {
  const store = useStoreApi();
  const [status, setStatus] = useState('');
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'c') return;
      if (isTyping(event.target) || (document.getSelection()?.toString() ?? '') !== '') return;
      const { snapshot, inventory } = store.getState();
      event.preventDefault();
      const text = pageText(pageModel(resourceRef(selected), snapshot, inventory));
      // The clipboard can refuse (no permission, an insecure origin): the user is told, not left guessing.
      navigator.clipboard.writeText(text).then(
        () => setStatus(performanceStrings.copied),
        (error: unknown) => setStatus(performanceStrings.copyFailed(error instanceof Error ? error.message : String(error))),
      );
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store, selected]);
  return status;
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
