/**
 * A strict fake `window.taskManager` for the query-driven pages' tests (Startup apps, Services, Users;
 * fake-api.tsx is the lenient one that pushes shell state): `query` answers through `answer` (a function of
 * the query, which may throw to stand for a transport that rejects), each command through
 * `commands[name]` (default: success), and every call is recorded in order. A method the test did
 * not expect (no answer for a query, a push subscription) throws, so a page that calls more than
 * the test knows fails loudly.
 */
import type { TaskManagerApi } from '../../src-shared/api.ts';
import type { AnyQueryResult, Query } from '../../src-shared/query.ts';
import type { CommandResult } from '../../src-shared/results.ts';

export interface FakeApiOptions {
  answer?(query: Query): AnyQueryResult;
  commands?: Partial<Record<keyof TaskManagerApi, (args: unknown) => CommandResult>>;
}

export interface FakeApi {
  api: TaskManagerApi;
  /** Every call: its method's name and its argument. */
  calls: { name: string; args: unknown }[];
  /** The queries asked, in order. */
  queries(): Query[];
  /** The arguments of every call of `name`, in order. */
  argsOf(name: keyof TaskManagerApi): unknown[];
}

export function fakeApi(options: FakeApiOptions = {}): FakeApi {
  const calls: { name: string; args: unknown }[] = [];
  const api = new Proxy({} as TaskManagerApi, {
    get: (_target, name) => {
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (args: unknown) => {
        calls.push({ name, args });
        if (name === 'query') {
          if (!options.answer) throw new Error(`no answer for the query ${JSON.stringify(args)}`);
          const answer = options.answer;
          return new Promise((resolve) => resolve(answer(args as Query)));
        }
        if (name.startsWith('on')) throw new Error(`the fake api has no ${name}`);
        const command = options.commands?.[name as keyof TaskManagerApi];
        return Promise.resolve(command ? command(args) : { ok: true });
      };
    },
  });
  return {
    api,
    calls,
    queries: () => calls.filter((c) => c.name === 'query').map((c) => c.args as Query),
    argsOf: (name) => calls.filter((c) => c.name === name).map((c) => c.args),
  };
}
