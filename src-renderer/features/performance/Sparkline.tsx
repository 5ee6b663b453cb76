/**
 * A sparkline: one precomputed SVG path (sparkline.ts) in a box that CSS sizes. The stroke keeps
 * its width however the box is stretched. Decorative: the figure beside it carries the meaning.
 */
import { memo } from 'react';

export const SPARK_VIEWBOX = { widthPx: 100, heightPx: 40 } as const;

export const Sparkline = memo(function Sparkline({ d, className }: { d: string; className?: string }) {
  return (
    <svg
      className={className ? `perf-spark ${className}` : 'perf-spark'}
      viewBox={`0 0 ${SPARK_VIEWBOX.widthPx} ${SPARK_VIEWBOX.heightPx}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <path d={d} vectorEffect="non-scaling-stroke" />
    </svg>
  );
});
