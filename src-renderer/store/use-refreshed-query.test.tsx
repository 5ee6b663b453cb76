// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnyQueryResult, Query } from '../../src-shared/query.ts';
import { fakeApi } from '../testing/query-fake-api.ts';
import { ApiContext } from './store-context.tsx';
import { PAGE_REFRESH_MS, useRefreshedQuery } from './use-refreshed-query.ts';

const SERVICES = { kind: 'services' } as const;
let isHidden = false;

beforeEach(() => {
  vi.useFakeTimers();
  isHidden = false;
  vi.spyOn(document, 'hidden', 'get').mockImplementation(() => isHidden);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function setup(answer: (query: Query, n: number) => AnyQueryResult = () => ({ ok: true, kind: 'services', value: { services: [], unavailableReason: null } })) {
  let n = 0;
  const fake = fakeApi({ answer: (query) => answer(query, ++n) });
  const wrapper = ({ children }: { children: ReactNode }) => <ApiContext.Provider value={fake.api}>{children}</ApiContext.Provider>;
  const hook = renderHook(() => useRefreshedQuery(SERVICES), { wrapper });
  return { fake, hook };
}

/** Lets answers land (the fake api answers on a microtask). */
const flush = () => act(async () => await vi.advanceTimersByTimeAsync(0));
const setHidden = (hidden: boolean) =>
  act(() => {
    isHidden = hidden;
    document.dispatchEvent(new Event('visibilitychange'));
  });

describe('useRefreshedQuery', () => {
  it('asks when the page opens and again every PAGE_REFRESH_MS after each answer while shown', async () => {
    const { fake, hook } = setup((_q, n) => ({ ok: true, kind: 'services', value: { services: [], unavailableReason: `answer ${n}` } }));
    await flush();
    expect(fake.queries()).toEqual([SERVICES]);
    expect(hook.result.current.answer).toMatchObject({ ok: true, value: { unavailableReason: 'answer 1' } });
    await act(async () => await vi.advanceTimersByTimeAsync(PAGE_REFRESH_MS - 1));
    expect(fake.queries()).toHaveLength(1);
    await act(async () => await vi.advanceTimersByTimeAsync(1));
    expect(fake.queries()).toHaveLength(2);
    expect(hook.result.current.answer).toMatchObject({ value: { unavailableReason: 'answer 2' } });
  });

  it('asks nothing while the window is hidden, and at once when it is shown again', async () => {
    const { fake } = setup();
    await flush();
    setHidden(true);
    await act(async () => await vi.advanceTimersByTimeAsync(PAGE_REFRESH_MS * 5));
    expect(fake.queries()).toHaveLength(1);
    setHidden(false);
    await flush();
    expect(fake.queries()).toHaveLength(2);
  });

  it('asks nothing once the page is closed', async () => {
    const { fake, hook } = setup();
    await flush();
    hook.unmount();
    await act(async () => await vi.advanceTimersByTimeAsync(PAGE_REFRESH_MS * 5));
    expect(fake.queries()).toHaveLength(1);
  });

  it('reload asks at once; one asked while an answer is out is asked again after it (an answer from before an action is not the last)', async () => {
    const { fake, hook } = setup();
    expect(fake.queries()).toHaveLength(1); // out, not yet answered
    act(() => hook.result.current.reload());
    expect(fake.queries()).toHaveLength(1);
    await flush();
    expect(fake.queries()).toHaveLength(2);
    await flush();
    act(() => hook.result.current.reload());
    expect(fake.queries()).toHaveLength(3);
  });

  it('a transport that throws is an INTERNAL failure in the page, not a throw into React', async () => {
    const { hook } = setup(() => {
      throw new Error('socket closed');
    });
    await flush();
    expect(hook.result.current.answer).toEqual({ ok: false, code: 'INTERNAL', message: 'socket closed' });
  });
});
