/**
 * The title of the selected resource's view, and what it is (CPU model, disk or GPU name).
 */
import { memo } from 'react';

export const VIEW_TITLE_ID = 'perf-view-title';

export const ViewHeader = memo(function ViewHeader({ title, subtitle }: { title: string; subtitle: string | null }) {
  return (
    <header className="perf-view-header">
      <h2 id={VIEW_TITLE_ID}>{title}</h2>
      {subtitle ? <span className="perf-view-subtitle">{subtitle}</span> : null}
    </header>
  );
});
