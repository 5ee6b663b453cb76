/**
 * A page's facts read while it is shown (Startup apps, Services, Users' sessions): the query is
 * asked when the page opens, again `refreshMs` after each answer while the window is visible, at
 * once when it becomes visible again, and on `reload()` (after an action). Never while the page
 * is closed (unmounted) or the window hidden: these reads are not free (the registry, the SCM,
 * D-Bus). One request at a time; a reload asked while one is out is asked again after it, so an
 * answer from before an action is never the last word. The last answer stays shown while the next
 * is asked. A transport that throws is an INTERNAL failure, said in the page, not thrown into React.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueryKind, QueryOf, QueryResult } from '../../src-shared/query.ts';
import { useApi } from './store-context.tsx';

/** How often a shown page reads its facts again, ms ("every few seconds", as Task Manager's Services page). */
export const PAGE_REFRESH_MS = 5_000;

export function useRefreshedQuery<K extends QueryKind>(query: QueryOf<K>, refreshMs = PAGE_REFRESH_MS): { answer: QueryResult<K> | null; reload(): void } {
  const api = useApi();
  const [answer, setAnswer] = useState<QueryResult<K> | null>(null);
  const askNow = useRef<() => void>(() => undefined);
  // The query's text is its identity: a new object for the same query starts nothing new.
  const text = JSON.stringify(query);
  useEffect(() => {
    let isCurrent = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let isAsking = false;
    let isAskedAgain = false;
    const stopTimer = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
    const ask = () => {
      stopTimer();
      if (isAsking) {
        isAskedAgain = true;
        return;
      }
      isAsking = true;
      api
        .query<K>(JSON.parse(text) as QueryOf<K>)
        .catch((error: unknown): QueryResult<K> => ({ ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }))
        .then((result) => {
          isAsking = false;
          if (!isCurrent) return;
          setAnswer(result);
          if (isAskedAgain) {
            isAskedAgain = false;
            ask();
          } else if (!document.hidden) timer = setTimeout(ask, refreshMs);
        }, () => undefined);
    };
    const onVisibility = () => (document.hidden ? stopTimer() : ask());
    askNow.current = ask;
    document.addEventListener('visibilitychange', onVisibility);
    if (!document.hidden) ask();
    return () => {
      isCurrent = false;
      stopTimer();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [api, text, refreshMs]);
  const reload = useCallback(() => askNow.current(), []);
  return { answer, reload };
}
