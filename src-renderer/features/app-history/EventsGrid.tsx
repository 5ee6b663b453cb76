/**
 * A range's events (starts, exits, commands, recording starts, gaps) in time order, in a grid;
 * why there are none (history off, nothing recorded, the host keeps none) in its place; a note
 * when the host sent only the first of them.
 */
import { historyStrings } from '../../history-strings.ts';
import { useMemo } from 'react';
import { MAX_HISTORY_EVENTS, type QueryResult } from '../../../src-shared/query.ts';
import { formatCount } from '../../format.ts';
import { appHistoryStrings } from './app-history-strings.ts';
import { eventColumns, eventKey } from './event-columns.ts';
import { LocalGrid } from '../../components/LocalGrid.tsx';
import { historyFailureText } from './usage-messages.ts';

export function EventsGrid({ answer }: { answer: QueryResult<'historyEvents'> | null }) {
  const columns = useMemo(eventColumns, []);
  const message = answer === null ? historyStrings.loading : answer.ok ? appHistoryStrings.noEvents : historyFailureText(answer);
  return (
    <>
      {answer?.ok && answer.value.isTruncated ? <p className="notice">{appHistoryStrings.eventsTruncated(formatCount(MAX_HISTORY_EVENTS))}</p> : null}
      <LocalGrid label={appHistoryStrings.tables.events} columns={columns} rows={answer?.ok ? answer.value.events : []} rowKey={eventKey} emptyMessage={message} flexColumnId="detail" />
    </>
  );
}
