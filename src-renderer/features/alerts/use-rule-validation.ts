/**
 * The editor's check of its fields as they are typed (rule-validation.ts), whose schema (zod)
 * loads with the first editor opened, not with the page: null until it has.
 */
import { useEffect, useMemo, useState } from 'react';
import type { RuleForm } from './rule-form.ts';
import type { Validation } from './rule-validation.ts';

export function useRuleValidation(form: RuleForm): Validation | null {
  const [validate, setValidate] = useState<((form: RuleForm) => Validation) | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void import('./rule-validation.ts').then((module) => isCurrent && setValidate(() => module.validateRuleForm));
    return () => {
      isCurrent = false;
    };
  }, []);
  return useMemo(() => (validate === null ? null : validate(form)), [validate, form]);
}
