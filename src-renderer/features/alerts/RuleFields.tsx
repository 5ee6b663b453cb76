/**
 * The rule editor's fields: what to watch (scope, figure, match), the condition (threshold in
 * friendly units, or a baseline), its times, and what to do besides alerting. Fields the scope or
 * figure does not use are not shown; each problem is shown under its field (RuleEditor's `a11y`).
 */
import type { ReactNode } from 'react';
import { EVENT_METRICS, RULE_PRIORITIES, RULE_SCOPES, type RuleMetric, type RuleScope } from '../../../src-shared/alerts.ts';
import { alertsStrings as text } from './alerts-strings.ts';
import { conditionsOf, metricsOf, type Condition, type FormField, type RuleForm } from './rule-form.ts';
import type { FieldA11y } from './RuleEditor.tsx';
import { friendlyUnit } from './rule-units.ts';

type TextField = 'name' | 'matchName' | 'matchPath' | 'matchApp' | 'matchDevice' | 'threshold' | 'sigmas' | 'forSeconds' | 'clearSeconds' | 'maxPerHour';

export function RuleFields({ form, onChange, a11y }: { form: RuleForm; onChange(change: Partial<RuleForm>): void; a11y: FieldA11y }) {
  const e = text.editor;
  const isEvent = EVENT_METRICS.has(form.metric);
  const conditions = conditionsOf(form.scope, form.metric);
  const unit = friendlyUnit(form.metric);
  const isActing = form.scope !== 'machine' && form.metric !== 'exited';
  const hasAction = form.efficiencyMode || form.priority !== '' || form.suspend || form.end;
  const problemOf = (field: FormField): ReactNode => {
    const message = a11y.problem(field);
    return message === null ? null : (
      <span id={`${a11y.id(field)}-problem`} className="field-problem">
        {message}
      </span>
    );
  };
  const input = (field: TextField, label: string, isNumber = false, suffix?: string) => (
    <div className="rule-field">
      <label htmlFor={a11y.id(field)}>{label}</label>
      <span>
        <input {...a11y.props(field)} type="text" inputMode={isNumber ? 'decimal' : undefined} value={form[field]} onChange={(event) => onChange({ [field]: event.target.value })} />
        {suffix ? <span className="rule-unit">{suffix}</span> : null}
      </span>
      {problemOf(field)}
    </div>
  );
  const changeScope = (scope: RuleScope) => {
    const metrics = metricsOf(scope);
    onChange({ scope, metric: metrics.includes(form.metric) ? form.metric : (metrics[0] ?? form.metric) });
  };
  const changeMetric = (metric: RuleMetric) => {
    const allowed = conditionsOf(form.scope, metric);
    onChange({ metric, condition: allowed.includes(form.condition) ? form.condition : 'above' });
  };
  return (
    <>
      {input('name', e.name)}
      <div className="rule-field">
        <label htmlFor={a11y.id('scope')}>{e.scope}</label>
        <select {...a11y.props('scope')} value={form.scope} onChange={(event) => changeScope(event.target.value as RuleScope)}>
          {RULE_SCOPES.map((s) => (
            <option key={s} value={s}>
              {text.scopes[s]}
            </option>
          ))}
        </select>
        {problemOf('scope')}
      </div>
      <div className="rule-field">
        <label htmlFor={a11y.id('metric')}>{e.metric}</label>
        <select {...a11y.props('metric')} value={form.metric} onChange={(event) => changeMetric(event.target.value as RuleMetric)}>
          {metricsOf(form.scope).map((m) => (
            <option key={m} value={m}>
              {text.metrics[m]}
            </option>
          ))}
        </select>
        {problemOf('metric')}
      </div>
      {form.scope === 'process' ? input('matchName', e.matchName) : null}
      {form.scope === 'process' ? input('matchPath', e.matchPath) : null}
      {form.scope !== 'machine' ? input('matchApp', e.matchApp) : input('matchDevice', e.matchDevice)}
      {isEvent ? null : (
        <div className="rule-field">
          <label htmlFor={a11y.id('threshold') + '-condition'}>{e.condition}</label>
          <select id={a11y.id('threshold') + '-condition'} value={form.condition} onChange={(event) => onChange({ condition: event.target.value as Condition })}>
            {conditions.map((c) => (
              <option key={c} value={c}>
                {text.conditions[c]}
              </option>
            ))}
          </select>
        </div>
      )}
      {isEvent ? null : form.condition === 'baseline' ? input('sigmas', e.sigmas, true, 'σ') : input('threshold', e.threshold, true, unit ?? undefined)}
      {isEvent ? null : input('forSeconds', e.forSeconds, true, 's')}
      {input('clearSeconds', e.clearSeconds, true, 's')}
      {input('maxPerHour', e.maxPerHour, true)}
      {isActing ? (
        <fieldset id={a11y.id('actions')} tabIndex={-1} className="rule-actions" aria-describedby={a11y.problem('actions') === null ? undefined : `${a11y.id('actions')}-problem`}>
          <legend>{e.actions}</legend>
          <label>
            <input type="checkbox" checked={form.efficiencyMode} onChange={(event) => onChange({ efficiencyMode: event.target.checked })} /> {e.efficiencyMode}
          </label>
          <label>
            {e.priority}{' '}
            <select value={form.priority} onChange={(event) => onChange({ priority: event.target.value as RuleForm['priority'] })}>
              <option value="">{e.priorityNone}</option>
              {RULE_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {text.priorities[p]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" aria-invalid={a11y.problem('actions') !== null} checked={form.suspend} onChange={(event) => onChange({ suspend: event.target.checked })} /> {e.suspend}
          </label>
          <label>
            <input type="checkbox" aria-invalid={a11y.problem('actions') !== null} checked={form.end} onChange={(event) => onChange({ end: event.target.checked })} /> {e.end}
          </label>
          <label>
            <input type="checkbox" checked={form.anyUser} onChange={(event) => onChange({ anyUser: event.target.checked })} /> {e.anyUser}
          </label>
          {problemOf('actions')}
          {hasAction ? <p className="notice">{e.dryRunNote}</p> : null}
        </fieldset>
      ) : null}
      <label>
        <input type="checkbox" checked={form.enabled} onChange={(event) => onChange({ enabled: event.target.checked })} /> {e.enabled}
      </label>
    </>
  );
}
