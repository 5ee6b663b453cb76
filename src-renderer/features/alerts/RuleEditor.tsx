/**
 * The rule editor (a dialog over the Alerts panel): a rule from a template or one to change, its
 * fields in friendly units, checked as they are typed by main's own schema (each problem at the
 * field it names: aria-invalid and aria-describedby), saved with `putRule`. A rule with actions is
 * saved as a dry run, and says so; a refusal of the host is said in plain words.
 */
import { useId, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { useApi } from '../../store/store-context.tsx';
import { alertsStrings as text } from './alerts-strings.ts';
import { saveRule } from './rule-commands.ts';
import { hasActions, type FormField, type RuleForm } from './rule-form.ts';
import { RuleFields } from './RuleFields.tsx';
import { useRuleValidation } from './use-rule-validation.ts';

export interface FieldA11y {
  id(field: FormField): string;
  /** The input's aria attributes for `field`, and its problem's message (or null). */
  props(field: FormField): { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };
  problem(field: FormField): string | null;
}

export function RuleEditor({ form: initial, isNew, onDone }: { form: RuleForm; isNew: boolean; onDone(message: string | null): void }) {
  const api = useApi();
  const idPrefix = useId().replace(/:/g, '');
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState(initial);
  const [refusal, setRefusal] = useState<string | null>(null);
  const validation = useRuleValidation(form);
  const problem = (field: FormField): string | null => (validation && !validation.ok ? (validation.problems.find((p) => p.field === field)?.message ?? null) : null);
  const a11y: FieldA11y = {
    id: (field) => `${idPrefix}-${field}`,
    problem,
    props: (field) => {
      const message = problem(field);
      return { id: `${idPrefix}-${field}`, 'aria-invalid': message !== null, 'aria-describedby': message === null ? undefined : `${idPrefix}-${field}-problem` };
    },
  };
  const save = async () => {
    if (validation === null) return;
    if (!validation.ok) {
      const first = validation.problems[0];
      if (first) formRef.current?.querySelector<HTMLElement>(`#${a11y.id(first.field)}`)?.focus();
      return;
    }
    const result = await saveRule(api, validation.rule);
    if (!result.ok) return setRefusal(text.refused(result.message));
    onDone(hasActions(validation.rule) ? text.savedDryRun(validation.rule.name) : text.saved(validation.rule.name));
  };
  const formProblem = problem('form');
  return (
    <Dialog
      role="dialog"
      className="rule-editor"
      title={isNew ? text.editor.newTitle : text.editor.editTitle(initial.name)}
      onCancel={() => onDone(null)}
      initialFocus="input"
      actions={
        <>
          <button type="button" onClick={() => void save()} disabled={validation === null}>
            {validation === null ? text.editor.checking : text.editor.save}
          </button>
          <button type="button" onClick={() => onDone(null)}>
            {text.editor.cancel}
          </button>
        </>
      }
    >
      <form
        ref={formRef}
        className="rule-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {formProblem === null ? null : <p className="field-problem">{formProblem}</p>}
        <RuleFields form={form} onChange={(change) => setForm((current) => ({ ...current, ...change }))} a11y={a11y} />
      </form>
      {refusal === null ? null : (
        <p role="alert" className="warning">
          {refusal}
        </p>
      )}
    </Dialog>
  );
}
