/**
 * The machine's facts of a page, as a description list (label, value). A fact that is missing is
 * "—", and why is its tooltip and, for screen readers, its description (a `hidden` element can be
 * referenced by aria-describedby without being read twice).
 */
import { memo, useId } from 'react';
import type { FactRow } from './page-model.ts';

export const FactList = memo(function FactList({ facts, label }: { facts: readonly FactRow[]; label: string }) {
  const id = useId();
  return (
    <dl className="perf-facts" aria-label={label}>
      {facts.map((f, index) => (
        <div key={f.label} className="perf-fact">
          <dt>{f.label}</dt>
          {f.reason === null ? (
            <dd>{f.value}</dd>
          ) : (
            <dd title={f.reason} aria-describedby={`${id}-${index}`} data-missing="">
              {f.value}
              <span id={`${id}-${index}`} hidden>
                {f.reason}
              </span>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
});
