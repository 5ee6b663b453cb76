/**
 * A fake `TaskManagerApi` for the page's component tests: every method records its call and
 * answers what the test gave for it (a value, a function of the arguments, or a promise the test
 * settles later; `{ ok: true }` when none); the shell state is pushed by the test. `renderWithApi`
 * mounts a view with it and a fresh store that holds `shell`.
 */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { TaskManagerApi } from '../../src-shared/api.ts';
import type { ShellState } from '../../src-shared/shell.ts';
import { createAppStore } from '../store/store.ts';
import { ApiContext, StoreContext } from '../store/store-context.tsx';

type Answer = unknown;
export type FakeAnswers = Partial<Record<keyof TaskManagerApi, Answer | ((args: unknown) => Answer)>>;

export interface FakeCall {
  name: string;
  args: unknown;
}

export function fakeApi(answers: FakeAnswers = {}) {
  const calls: FakeCall[] = [];
  const shellListeners = new Set<(state: ShellState) => void>();
  const api = new Proxy({} as TaskManagerApi, {
    get: (_target, name) => {
      // Not a thenable: `await api` must not call into the fake.
      if (typeof name !== 'string' || name === 'then') return undefined;
      if (name === 'onShellState') {
        return (listener: (state: ShellState) => void) => {
          shellListeners.add(listener);
          return () => shellListeners.delete(listener);
        };
      }
      if (name.startsWith('on')) return () => () => undefined;
      return async (args: unknown) => {
        calls.push({ name, args });
        const answer = answers[name as keyof TaskManagerApi];
        return (typeof answer === 'function' ? (answer as (args: unknown) => Answer)(args) : answer) ?? { ok: true };
      };
    },
  });
  return {
    api,
    calls,
    /** The arguments of every call of `name`, in order. */
    argsOf: (name: keyof TaskManagerApi) => calls.filter((call) => call.name === name).map((call) => call.args),
    pushShell: (state: ShellState) => {
      for (const listener of shellListeners) listener(state);
    },
  };
}

export function renderWithApi(node: ReactNode, shell: ShellState, answers: FakeAnswers = {}) {
  const fake = fakeApi(answers);
  const store = createAppStore(null);
  store.getState().ingestShellState(shell);
  render(
    <ApiContext.Provider value={fake.api}>
      <StoreContext.Provider value={store}>{node}</StoreContext.Provider>
    </ApiContext.Provider>,
  );
  return { ...fake, store };
}
