/**
 * A small sparkline for each logical processor, as Task Manager's "logical processors" view.
 * Each cell's figure is in its tooltip and, for screen readers, in its text.
 */
import { memo, useMemo } from 'react';
import { formatPercent } from '../../format.ts';
import { strings } from '../../strings.ts';
import { coreSparks } from './resources.ts';
import { SPARK_VIEWBOX, Sparkline } from './Sparkline.tsx';
import { useHistory } from './use-history.ts';

export const CoreGrid = memo(function CoreGrid() {
  const { history, windowSec } = useHistory();
  const cores = useMemo(() => coreSparks(history, windowSec, SPARK_VIEWBOX), [history, windowSec]);
  if (cores.length === 0) return null;
  return (
    <div className="perf-cores-block" title={strings.performance.definitions.cores}>
      <h3 className="perf-cores-heading">{strings.performance.cores}</h3>
      <ul className="perf-cores">
        {cores.map((core, index) => {
          const text = strings.performance.core(index, formatPercent(core.newestPercent));
          return (
            <li key={index} className="perf-core" title={text}>
              <Sparkline d={core.d} className="perf-kind-cpu" />
              <span className="perf-visually-hidden">{text}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
});
