/**
 * Under a page's charts, as Task Manager lays them out: the live figures, then the machine's facts
 * beside them (below them in a narrow window).
 */
import { memo } from 'react';
import { FactList } from './FactList.tsx';
import { FigureList } from './FigureList.tsx';
import type { PageModel } from './page-model.ts';
import { performanceStrings } from './performance-strings.ts';

export const PageDetails = memo(function PageDetails({ model }: { model: PageModel }) {
  return (
    <div className="perf-details">
      <FigureList figures={model.figures} label={model.title} />
      <FactList facts={model.facts} label={performanceStrings.facts(model.title)} />
    </div>
  );
});
