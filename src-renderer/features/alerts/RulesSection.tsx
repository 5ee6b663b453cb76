/**
 * The rules: a grid (name, condition, state with its reason, actions and whether they are armed,
 * counts of the last hour) and a toolbar acting on the focused rule: New rule from a template,
 * Edit, Enabled, Arm (or Disarm), Delete. A refusal of the host is said in plain words.
 */
import { useCallback, useMemo, useState } from 'react';
import { RULE_TEMPLATES, type Rule } from '../../../src-shared/alerts.ts';
import { MenuButton } from '../../components/MenuButton.tsx';
import { useApi } from '../../store/store-context.tsx';
import { LocalGrid } from '../../components/LocalGrid.tsx';
import { ruleColumns, ruleKey, type RuleRow } from './alert-columns.ts';
import { alertsStrings as text } from './alerts-strings.ts';
import { saveRule } from './rule-commands.ts';
import { formFromRule, hasActions, newRuleId, type RuleForm } from './rule-form.ts';
import { useRulesView } from './use-rules-view.ts';

export type PanelDialog = { kind: 'edit'; form: RuleForm; isNew: boolean } | { kind: 'arm'; rule: Rule } | { kind: 'delete'; rule: Rule };

export function RulesSection({ onDialog, notice }: { onDialog(dialog: PanelDialog): void; notice: string | null }) {
  const api = useApi();
  const { view, failure } = useRulesView();
  const columns = useMemo(ruleColumns, []);
  const rows = useMemo((): RuleRow[] => (view ? view.rules.map((rule) => ({ rule, state: view.states.find((s) => s.ruleId === rule.id) })) : []), [view]);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const rule = rows.find((r) => r.rule.id === focusedId)?.rule;
  const onFocused = useCallback((key: string) => setFocusedId(key), []);

  const save = async (next: Rule) => {
    const result = await saveRule(api, next);
    setRefusal(result.ok ? null : text.refused(result.message));
  };
  const templates = RULE_TEMPLATES.map((t) => ({
    id: `template-${t.key}`,
    label: t.label,
    onSelect: () => onDialog({ kind: 'edit', form: formFromRule({ ...t.rule, id: newRuleId(t.rule.name, Date.now()) }), isNew: true }),
  }));
  const empty = failure !== null && view === null ? text.noRulesHere(failure.message) : text.noRules;

  return (
    <section className="alerts-section">
      <h3>{text.rules}</h3>
      {view && !view.isControlAllowed ? <p className="notice">{text.controlOff}</p> : null}
      <div className="alerts-toolbar">
        <MenuButton label={text.newRule} items={templates} />
        <button type="button" disabled={!rule} onClick={() => rule && onDialog({ kind: 'edit', form: formFromRule(rule), isNew: false })}>
          {text.edit}
        </button>
        <label>
          <input type="checkbox" disabled={!rule} checked={rule?.enabled ?? false} onChange={(event) => rule && void save({ ...rule, enabled: event.target.checked })} /> {text.enabled}
        </label>
        {rule?.armed ? (
          <button type="button" onClick={() => void save({ ...rule, armed: false })}>
            {text.disarm}
          </button>
        ) : (
          <button type="button" disabled={!rule || !hasActions(rule)} onClick={() => rule && onDialog({ kind: 'arm', rule })}>
            {text.arm}
          </button>
        )}
        <button type="button" disabled={!rule} onClick={() => rule && onDialog({ kind: 'delete', rule })}>
          {text.delete}
        </button>
      </div>
      <p role="status" className="alerts-notice">
        {refusal ?? notice}
      </p>
      <div className="alerts-grid">
        <LocalGrid label={text.rules} columns={columns} rows={rows} rowKey={ruleKey} emptyMessage={empty} flexColumnId="condition" onFocusedChange={onFocused} />
      </div>
    </section>
  );
}
