/**
 * The Services table: Name, PID, Description, Status, Start type, Group (Task Manager's Services
 * page); what each cell says and sorts by, and the search over them (a PID matches as a prefix, as
 * in Processes). Pure.
 */
import type { ServiceRow } from '../../../src-shared/services.ts';
import { collator } from '../../components/compare-values.ts';
import { searchRows, type TableColumn } from '../../components/table-model.ts';
import { servicesStrings as text } from './services-strings.ts';

export const SERVICE_COLUMNS: readonly TableColumn<ServiceRow>[] = [
  { id: 'name', label: text.columns.name, definition: text.definitions.name, isNumeric: false, width: 180, text: (s) => s.name, sortValue: (s) => s.name },
  { id: 'pid', label: text.columns.pid, definition: text.definitions.pid, isNumeric: true, width: 70, text: (s) => (s.pid === null ? '' : String(s.pid)), sortValue: (s) => s.pid },
  {
    id: 'description',
    label: text.columns.description,
    definition: text.definitions.description,
    isNumeric: false,
    width: 280,
    text: (s) => s.displayName,
    title: (s) => s.description ?? undefined,
    sortValue: (s) => s.displayName,
  },
  {
    id: 'status',
    label: text.columns.status,
    definition: text.definitions.status,
    isNumeric: false,
    width: 90,
    text: (s) => text.states[s.state],
    title: (s) => s.subState ?? undefined,
    sortValue: (s) => text.states[s.state],
  },
  {
    id: 'startType',
    label: text.columns.startType,
    definition: text.definitions.startType,
    isNumeric: false,
    width: 170,
    text: (s) => (s.startType === 'other' && s.startTypeDetail !== null ? s.startTypeDetail : text.startTypes[s.startType]),
    sortValue: (s) => text.startTypes[s.startType],
  },
  { id: 'group', label: text.columns.group, definition: text.definitions.group, isNumeric: false, width: 160, text: (s) => s.group ?? '', sortValue: (s) => s.group },
];

/** Equal rows keep one order: by name (unique). */
export const byName = (a: ServiceRow, b: ServiceRow) => collator.compare(a.name, b.name);

export function searchServices(services: readonly ServiceRow[], query: string): ServiceRow[] {
  const wanted = query.trim();
  const byPid = /^\d+$/.test(wanted) ? services.filter((s) => s.pid !== null && String(s.pid).startsWith(wanted)) : [];
  const byText = searchRows(services, query, (s) => [s.name, s.displayName, s.description, s.group]);
  return byPid.length === 0 ? byText : services.filter((s) => byPid.includes(s) || byText.includes(s));
}
