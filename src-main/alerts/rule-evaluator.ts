/** STAND-IN (wt-hosts only, deleted before main's evaluator is merged): fires nothing. */
import type { RuleEvaluator } from './evaluation.ts';

export function createRuleEvaluator(): RuleEvaluator {
  return {
    setRules: () => undefined,
    evaluate: () => ({ fired: [], cleared: [], intents: [], states: [], isStateChanged: false }),
    baselineRequests: () => [],
    active: () => [],
    recent: () => [],
    recordOutcomes: () => null,
  };
}
