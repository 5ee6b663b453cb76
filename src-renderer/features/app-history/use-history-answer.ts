/**
 * Asks the host one history query and keeps its answer: null while it is asked (or while no query
 * is given), then the result (a failure included: the view says why there are no rows). A new
 * query, or a new `reloadKey`, asks again; an answer to a query no longer shown is dropped. A
 * transport that throws is an INTERNAL failure, said in the view, not thrown into React.
 */
import { useEffect, useState } from 'react';
import type { QueryKind, QueryOf, QueryResult } from '../../../src-shared/query.ts';
import { useApi } from '../../store/store-context.tsx';

export function useHistoryAnswer<K extends QueryKind>(query: QueryOf<K> | null, reloadKey = 0): QueryResult<K> | null {
  const api = useApi();
  const [answer, setAnswer] = useState<{ key: string; result: QueryResult<K> } | null>(null);
  // The query's text is its identity: a new object for the same query asks nothing new. The
  // effect reads the query back from that text, so it asks exactly what its key names.
  const text = query === null ? null : JSON.stringify(query);
  const key = `${reloadKey}:${text}`;
  useEffect(() => {
    if (text === null) return;
    let isCurrent = true;
    const asked = JSON.parse(text) as QueryOf<K>;
    api.query<K>(asked).then(
      (result) => isCurrent && setAnswer({ key, result }),
      (error: unknown) => isCurrent && setAnswer({ key, result: { ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } }),
    );
    return () => {
      isCurrent = false;
    };
  }, [api, key, text]);
  return answer?.key === key ? answer.result : null;
}
