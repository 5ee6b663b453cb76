/**
 * The events list's columns: Time, Event, Process, Detail (history's starts, exits, commands,
 * recording starts and gaps). Pure.
 */
import type { HistoryEvent } from '../../../src-shared/query.ts';
import type { GridColumn } from '../../components/grid-types.ts';
import { formatDateTime } from '../../format.ts';
import { appsStrings } from '../apps/apps-strings.ts';
import { appHistoryStrings } from './app-history-strings.ts';

/** A row's key: events have no id, so their place in the answer (which is in time order) is it. */
export const eventKey = (event: HistoryEvent, index: number): string => `${index}:${event.atMs}:${event.kind}`;

export function eventProcess(event: HistoryEvent): string {
  if (event.name === null) return event.pid === null ? '' : String(event.pid);
  return event.pid === null ? event.name : appsStrings.appMemberName(event.name, event.pid);
}

export function eventColumns(): GridColumn<HistoryEvent>[] {
  const labels = appHistoryStrings.columns;
  const definitions = appHistoryStrings.definitions;
  return [
    { id: 'time', label: labels.time, definition: definitions.time, isNumeric: false, width: 160, sortDirection: null, text: (e) => formatDateTime(e.atMs) },
    { id: 'kind', label: labels.kind, definition: definitions.kind, isNumeric: false, width: 130, sortDirection: null, text: (e) => appHistoryStrings.eventKinds[e.kind] },
    { id: 'process', label: labels.process, definition: definitions.process, isNumeric: false, width: 200, sortDirection: null, text: eventProcess },
    { id: 'detail', label: labels.detail, definition: definitions.detail, isNumeric: false, width: 260, sortDirection: null, text: (e) => e.detail ?? '' },
  ];
}
