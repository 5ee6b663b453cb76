/**
 * happy-dom lays nothing out: without a viewport size the virtualised grid (components/DataGrid.tsx)
 * would show no row. `useViewport(height, width)` in a test file gives every element that size
 * for the file's tests and puts the real properties back after them.
 */
import { afterAll, beforeAll } from 'vitest';

export function useViewport(heightPx: number, widthPx: number): void {
  const originals = {
    clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
    clientWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
  };
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => heightPx });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => widthPx });
  });
  afterAll(() => {
    for (const [name, descriptor] of Object.entries(originals)) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
      else Reflect.deleteProperty(HTMLElement.prototype, name);
    }
  });
}
