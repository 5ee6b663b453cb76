/**
 * The figures beside a chart, as a description list; each figure's definition is its tooltip. A
 * figure drawn in the chart shows its colour as a swatch, which doubles as the chart's legend.
 */
import { memo } from 'react';

export interface Figure {
  label: string;
  value: string;
  definition: string;
  /** The CSS colour of the series that draws this figure, if one does. */
  color?: string;
  /** Classes that draw the swatch instead of `color`, where it stands for a part drawn by CSS (a composition bar's part). */
  swatchClassName?: string;
}

export const FigureList = memo(function FigureList({ figures, label }: { figures: readonly Figure[]; label: string }) {
  return (
    <dl className="perf-figures" aria-label={label}>
      {figures.map((f) => (
        <div key={f.label} className="perf-figure" title={f.definition}>
          <dt>
            {f.swatchClassName ? (
              <span className={`perf-swatch ${f.swatchClassName}`} aria-hidden="true" />
            ) : f.color ? (
              <span className="perf-swatch" style={{ background: f.color }} aria-hidden="true" />
            ) : null}
            {f.label}
          </dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
});
