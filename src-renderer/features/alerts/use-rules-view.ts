/**
 * The rules and their states while the Alerts panel is open: the retained `rules` broadcast (a
 * listener that subscribes late is given the latest at once) and, in case none came yet, the
 * `rules` query, whose answer is dropped when a broadcast came since it was asked (that is newer).
 * A host without rules answers UNSUPPORTED: `failure` says so.
 */
import { useEffect, useState } from 'react';
import type { TaskManagerApi, Unsubscribe } from '../../../src-shared/api.ts';
import type { RulesView } from '../../../src-shared/alerts.ts';
import type { Failure } from '../../../src-shared/results.ts';
import { useApi } from '../../store/store-context.tsx';

export interface RulesAnswer {
  view: RulesView | null;
  failure: Failure | null;
}

export const NO_RULES_YET: RulesAnswer = { view: null, failure: null };

export function watchRules(api: Pick<TaskManagerApi, 'query' | 'onBroadcast'>, onAnswer: (answer: RulesAnswer) => void): Unsubscribe {
  let pushes = 0;
  let isStopped = false;
  const off = api.onBroadcast((broadcast) => {
    if (broadcast.type !== 'rules') return;
    pushes += 1;
    onAnswer({ view: broadcast.view, failure: null });
  });
  // Any broadcast (one retained, given at subscribe, or one since) is newer than the answer.
  const take = (answer: RulesAnswer) => {
    if (!isStopped && pushes === 0) onAnswer(answer);
  };
  api.query({ kind: 'rules' }).then(
    (result) => take(result.ok ? { view: result.value, failure: null } : { view: null, failure: result }),
    (error: unknown) => take({ view: null, failure: { ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } }),
  );
  return () => {
    isStopped = true;
    off();
  };
}

export function useRulesView(): RulesAnswer {
  const api = useApi();
  const [answer, setAnswer] = useState<RulesAnswer>(NO_RULES_YET);
  useEffect(() => watchRules(api, setAnswer), [api]);
  return answer;
}
