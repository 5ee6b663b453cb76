import { describe, expect, it } from 'vitest';
import type { Rule, RulesView } from '../../../src-shared/alerts.ts';
import { BroadcastFeed } from '../../../src-shared/broadcast-feed.ts';
import type { AnyQueryResult } from '../../../src-shared/query.ts';
import { failure } from '../../../src-shared/results.ts';
import { watchRules, type RulesAnswer } from './use-rules-view.ts';

const rule = (id: string): Rule => ({ id, name: id, scope: 'process', metric: 'cpuPercent', above: 40, forSeconds: 3, clearSeconds: 10, maxPerHour: 6, actions: [], armed: false, enabled: true, anyUser: false });
const view = (...ids: string[]): RulesView => ({ rules: ids.map(rule), states: [], isControlAllowed: true });

/** A feed that retains as the real APIs do, and a query answered when the test says. */
function fakeApi(answer: AnyQueryResult) {
  const feed = new BroadcastFeed();
  let answerNow: () => void = () => undefined;
  const api = {
    onBroadcast: feed.subscribe.bind(feed),
    query: () =>
      new Promise<AnyQueryResult>((resolve) => {
        answerNow = () => resolve(answer);
      }),
  } as unknown as Parameters<typeof watchRules>[0];
  return { api, feed, answer: async () => (answerNow(), await Promise.resolve()) };
}

describe('watchRules', () => {
  it('takes the query’s answer when no broadcast came, then every broadcast', async () => {
    const fake = fakeApi({ ok: true, kind: 'rules', value: view('a') });
    const seen: RulesAnswer[] = [];
    const off = watchRules(fake.api, (a) => seen.push(a));
    await fake.answer();
    fake.feed.receive({ type: 'rules', view: view('a', 'b') });
    expect(seen.map((a) => a.view?.rules.map((r) => r.id))).toEqual([['a'], ['a', 'b']]);
    off();
  });

  it('drops the query’s answer when a broadcast came since it was asked, or one was retained', async () => {
    const fake = fakeApi({ ok: true, kind: 'rules', value: view('old') });
    fake.feed.receive({ type: 'rules', view: view('retained') });
    const seen: RulesAnswer[] = [];
    const off = watchRules(fake.api, (a) => seen.push(a));
    await fake.answer();
    expect(seen.map((a) => a.view?.rules.map((r) => r.id))).toEqual([['retained']]);
    off();
  });

  it('says why a host keeps no rules', async () => {
    const fake = fakeApi(failure('UNSUPPORTED', 'this host does not watch rules'));
    const seen: RulesAnswer[] = [];
    const off = watchRules(fake.api, (a) => seen.push(a));
    await fake.answer();
    expect(seen).toEqual([{ view: null, failure: { ok: false, code: 'UNSUPPORTED', message: 'this host does not watch rules' } }]);
    off();
  });
});
