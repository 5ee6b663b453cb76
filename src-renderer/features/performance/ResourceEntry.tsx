/**
 * One resource of the sidebar: its name, its current figure and a live sparkline. It reads only
 * its own figures, so a tick re-renders the entries and the chart independently.
 */
import { memo, useMemo } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { resourceLabel, resourceRef, resourceSparkPath, resourceSummary, type ResourceId } from './resources.ts';
import { SPARK_VIEWBOX, Sparkline } from './Sparkline.tsx';
import { useHistory } from './use-history.ts';

interface ResourceEntryProps {
  id: ResourceId;
  isSelected: boolean;
  onSelect(id: ResourceId): void;
}

export const ResourceEntry = memo(function ResourceEntry({ id, isSelected, onSelect }: ResourceEntryProps) {
  const ref = useMemo(() => resourceRef(id), [id]);
  const label = useAppStore((s) => resourceLabel(s.snapshot, ref, s.inventory));
  const summary = useAppStore((s) => resourceSummary(s.snapshot, ref));
  const memoryTotalBytes = useAppStore((s) => (ref.kind === 'memory' ? (s.snapshot?.memory.totalBytes ?? null) : null));
  const { history, windowSec } = useHistory();
  const d = useMemo(
    () => resourceSparkPath(history, windowSec, ref, memoryTotalBytes, SPARK_VIEWBOX),
    [history, windowSec, ref, memoryTotalBytes],
  );
  return (
    <button
      type="button"
      role="option"
      aria-selected={isSelected}
      tabIndex={isSelected ? 0 : -1}
      className="perf-entry"
      data-resource={id}
      onClick={() => onSelect(id)}
    >
      <Sparkline d={d} className={`perf-kind-${ref.kind}`} />
      <span className="perf-entry-text">
        <span className="perf-entry-name">{label}</span>
        <span className="perf-entry-figure">{summary}</span>
      </span>
    </button>
  );
});
