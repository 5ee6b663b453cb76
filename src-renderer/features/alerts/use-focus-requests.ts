/**
 * Follows `ShellState.focusRequest` (a click on an alert's OS notification in the desktop app):
 * each new `seq` is applied once (focus-request.ts, loaded with the first; a browser page never
 * gets one). In the first script: a few lines.
 */
import { useEffect, useRef } from 'react';
import { useAppStore, useStoreApi } from '../../store/store-context.tsx';

export function useFocusRequests(): void {
  const store = useStoreApi();
  const request = useAppStore((s) => s.shell?.focusRequest ?? null);
  const applied = useRef(0);
  useEffect(() => {
    if (request === null || request.seq <= applied.current) return;
    applied.current = request.seq;
    void import('./focus-request.ts').then((module) => module.applyFocusRequest(store, request));
  }, [request, store]);
}
