import { describe, expect, it } from 'vitest';
import { createAppStore } from './store.ts';

describe('showTopConsumers', () => {
  it.each([
    ['as given', 1_000, 2_000, { fromMs: 1_000, toMs: 2_000 }],
    ['dragged right to left', 2_000, 1_000, { fromMs: 1_000, toMs: 2_000 }],
    ['chart coordinates, widened to whole ms', 1_000.6, 1_999.2, { fromMs: 1_000, toMs: 2_000 }],
  ])('opens the panel on its range: %s', (_name, fromMs, toMs, expected) => {
    const store = createAppStore(null);
    store.getState().showTopConsumers(fromMs, toMs);
    expect(store.getState().topRange).toEqual(expected);
    store.getState().closeTopConsumers();
    expect(store.getState().topRange).toBeNull();
  });
});
