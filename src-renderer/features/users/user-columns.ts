/**
 * The Users table's columns: User, Status (the user's sessions' states), CPU, Memory, Disk,
 * Network, GPU, formatted as the Processes tab's (format.ts; CPU as a share of the whole machine or
 * of one core, the user's setting). A user row shows its sums ("—" where no member has the
 * figure), a process row its own figures. By User, the Unknown row sorts last either way. Pure.
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import type { UserRow } from '../../../src-shared/users.ts';
import type { SortValue } from '../../components/compare-values.ts';
import type { TableColumn } from '../../components/table-model.ts';
import { formatBytes, formatCount, formatPercent, formatRate } from '../../format.ts';
import type { CpuMode } from '../../store/settings.ts';
import { strings } from '../../strings.ts';
import { appsStrings } from '../apps/apps-strings.ts';
import { diskRate, networkRate } from '../processes/columns.ts';
import type { UsersRow } from './user-rows.ts';
import { userName } from './user-rows.ts';
import { usersStrings as text } from './users-strings.ts';

export interface UserColumnContext {
  cpuMode: CpuMode;
  logicalCores: number;
}

/** The states of a user's sessions, each once, in the order met: "Active", "Active, Disconnected". */
export function sessionStatus(user: UserRow): string {
  return [...new Set(user.sessions.map((s) => text.sessionStates[s.state]))].join(', ');
}

const figure =
  (ofUser: (u: UserRow) => number | null, ofProcess: (p: ProcessRow) => number | null) =>
  (row: UsersRow): number | null =>
    row.kind === 'user' ? ofUser(row.user) : ofProcess(row.process);

export function userColumns(context: UserColumnContext): TableColumn<UsersRow>[] {
  const scale = context.cpuMode === 'perCore' ? context.logicalCores : 1;
  const cpu = figure(
    (u) => u.cpuPercent,
    (p) => p.cpuPercent,
  );
  const cpuShown = (row: UsersRow) => {
    const value = cpu(row);
    return value === null ? null : value * scale;
  };
  const numeric = (id: string, label: string, definition: string, width: number, value: (row: UsersRow) => number | null, format: (v: number | null) => string): TableColumn<UsersRow> => ({
    id,
    label,
    definition: `${definition} ${text.definitions.sum}`,
    isNumeric: true,
    width,
    text: (row) => format(value(row)),
    sortValue: value,
  });
  const name = (row: UsersRow): string =>
    row.kind === 'user' ? text.userName(userName(row.user.user), formatCount(row.user.processCount)) : appsStrings.appMemberName(row.process.name, row.process.pid);
  return [
    { id: 'user', label: text.columns.user, definition: text.definitions.user, isNumeric: false, width: 240, text: name, sortValue: (row): SortValue => (row.kind === 'user' ? row.user.user : row.process.name) },
    {
      id: 'status',
      label: text.columns.status,
      definition: text.definitions.status,
      isNumeric: false,
      width: 130,
      text: (row) => (row.kind === 'user' ? sessionStatus(row.user) : ''),
      sortValue: (row) => (row.kind === 'user' ? sessionStatus(row.user) || null : null),
    },
    numeric('cpu', text.columns.cpu, strings.definitions.cpu, 80, cpuShown, formatPercent),
    numeric(
      'memory',
      text.columns.memory,
      strings.definitions.memory,
      100,
      figure(
        (u) => u.memoryBytes,
        (p) => p.memoryBytes,
      ),
      formatBytes,
    ),
    numeric('disk', text.columns.disk, strings.definitions.disk, 100, figure((u) => u.diskBytesPerSec, diskRate), formatRate),
    numeric('network', text.columns.network, strings.definitions.network, 100, figure((u) => u.networkBytesPerSec, networkRate), formatRate),
    numeric(
      'gpu',
      text.columns.gpu,
      strings.definitions.gpu,
      70,
      figure(
        (u) => u.gpuPercent,
        (p) => p.gpuPercent,
      ),
      formatPercent,
    ),
  ];
}
