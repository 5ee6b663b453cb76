/**
 * The sidebar: a listbox of resources, the selected one marked. Up/Down/Home/End move the
 * selection (and the focus) as in any listbox; Tab leaves it.
 */
import { memo, useRef, type KeyboardEvent } from 'react';
import { ResourceEntry } from './ResourceEntry.tsx';
import type { ResourceId } from './resources.ts';
import { performanceStrings } from './performance-strings.ts';

interface ResourceListProps {
  ids: readonly ResourceId[];
  selected: ResourceId;
  hasNoGpu: boolean;
  onSelect(id: ResourceId): void;
}

export const ResourceList = memo(function ResourceList({ ids, selected, hasNoGpu, onSelect }: ResourceListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = ids.indexOf(selected);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: ids.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const id = ids[Math.min(ids.length - 1, Math.max(0, to))];
    if (id === undefined) return;
    onSelect(id);
    const options = listRef.current?.querySelectorAll<HTMLElement>('[role="option"]');
    options?.[ids.indexOf(id)]?.focus();
  };
  return (
    <div className="perf-sidebar">
      <div ref={listRef} role="listbox" aria-label={performanceStrings.resources} aria-orientation="vertical" onKeyDown={onKeyDown}>
        {ids.map((id) => (
          <ResourceEntry key={id} id={id} isSelected={id === selected} onSelect={onSelect} />
        ))}
      </div>
      {hasNoGpu ? <p className="perf-no-gpu">{performanceStrings.noGpu}</p> : null}
    </div>
  );
});
